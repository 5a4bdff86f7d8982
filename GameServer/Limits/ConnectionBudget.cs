using System.Globalization;

namespace GameServer.Limits;

/// <summary>
/// How many connections the server may hold within the process's open-file limit (RLIMIT_NOFILE),
/// keeping file handles for the database, the log and the runtime. Without that headroom a flood of
/// sockets reaches the limit first and the store fails with "Too many open files".
/// </summary>
/// <param name="WebSockets">Open WebSocket connections allowed; beyond, the handshake gets 503.</param>
/// <param name="HttpConnections">
/// Plain HTTP connections Kestrel accepts at once (upgraded ones are counted apart): every handle the
/// WebSockets and the reserves leave, at least <see cref="MinPlainHttpConnections"/>; null (no limit) when the
/// open-file limit is unknown.
/// </param>
/// <param name="OpenFileLimit">The process's open-file limit, or null when unknown or unlimited.</param>
public sealed record ConnectionBudget(int WebSockets, int? HttpConnections, long? OpenFileLimit)
{
    /// <summary>Plain HTTP connections (pages, the HTTP API, handshakes in progress) always kept besides the WebSockets.</summary>
    public const int MinPlainHttpConnections = 512;

    /// <summary>File handles kept for the database (its file, journal, temp files) and the log.</summary>
    public const int StoreReserve = 64;

    /// <summary>
    /// File handles the runtime holds for itself: every loaded assembly keeps its file open (about 260
    /// handles in all, measured on a started server), plus listening sockets, event polling and pipes.
    /// </summary>
    public const int ProcessReserve = 512;

    /// <summary>
    /// Upgraded connections Kestrel allows beyond <see cref="WebSockets"/>: the limiter's lease ends with the
    /// request, a moment before Kestrel counts the connection closed, and the next handshake must not fall in between.
    /// </summary>
    public const int UpgradeSlack = 16;

    /// <summary>Whether the configured limit had to be lowered to fit the open-file limit.</summary>
    public bool Lowered { get; init; }

    /// <summary>Fits <paramref name="maxConnections"/> and the HTTP headroom under <paramref name="openFileLimit"/>.</summary>
    public static ConnectionBudget Compute(int maxConnections, long? openFileLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        if (openFileLimit is not { } limit)
        {
            return new ConnectionBudget(maxConnections, null, null);
        }

        // On a small limit the guaranteed HTTP headroom shrinks too, so that some WebSockets remain.
        var forConnections = limit - StoreReserve - ProcessReserve;
        var minHttp = (int)Math.Clamp(forConnections / 4, 8, MinPlainHttpConnections);
        var webSockets = (int)Math.Clamp(forConnections - minHttp - UpgradeSlack, 1, maxConnections);
        var http = (int)Math.Clamp(forConnections - webSockets - UpgradeSlack, minHttp, int.MaxValue);
        return new ConnectionBudget(webSockets, http, limit) { Lowered = webSockets < maxConnections };
    }

    /// <summary>Reads the soft open-file limit from <c>/proc/self/limits</c>; null elsewhere or when unlimited.</summary>
    public static long? ReadOpenFileLimit(string path = "/proc/self/limits")
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            // "Max open files            1048576              1048576              files"
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
