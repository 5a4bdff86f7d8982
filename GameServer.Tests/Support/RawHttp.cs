using System.Net.Sockets;
using System.Text;

namespace GameServer.Tests.Support;

/// <summary>An HTTP/1.1 exchange on a bare TCP socket: request bytes exactly as the test writes them, in chunks.</summary>
public static class RawHttp
{
    /// <summary>A fresh key for <c>Sec-WebSocket-Key</c>.</summary>
    public static string NewKey() => Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    /// <summary>A plain handshake's head to <paramref name="target"/>, with <paramref name="extra"/> header lines before the end.</summary>
    public static string Handshake(Uri server, string target = "/ws", string extra = "") =>
        $"GET {target} HTTP/1.1\r\nHost: {server.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {NewKey()}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n";

    /// <summary>
    /// Writes each chunk (with <paramref name="pause"/> between them) and returns the answer's status line,
    /// "" when the server closed without one, or "(no answer)" when it kept the connection open and silent.
    /// </summary>
    public static async Task<string> StatusLineAsync(Uri server, IEnumerable<byte[]> chunks, TimeSpan pause = default, TimeSpan? wait = null)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(10));
        try
        {
            foreach (var chunk in chunks)
            {
                await stream.WriteAsync(chunk, timeout.Token);
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, timeout.Token);
                }
            }
        }
        catch (IOException)
        {
            // The server may answer and close before the whole request is written (431, 400).
        }

        try
        {
            return await ReadStatusLineAsync(stream, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return "(no answer)";
        }
    }

    public static Task<string> StatusLineAsync(Uri server, string request, TimeSpan? wait = null) => StatusLineAsync(server, [Encoding.Latin1.GetBytes(request)], wait: wait);

    /// <summary>Reads up to the end of the first line; "" if the connection ends first.</summary>
    public static async Task<string> ReadStatusLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        try
        {
            while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one, cancellationToken) == 0)
                {
                    return "";
                }

                line.Append((char)one[0]);
            }
        }
        catch (IOException)
        {
            return "";
        }

        return line.ToString().TrimEnd();
    }
}
