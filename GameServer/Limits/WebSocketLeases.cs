using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace GameServer.Limits;

/// <summary>Why a WebSocket was not let in.</summary>
public enum WebSocketRefusal
{
    /// <summary>Let in: a lease was taken.</summary>
    None,

    /// <summary><c>Limits:MaxConnections</c> WebSockets are open: 503.</summary>
    ServerFull,

    /// <summary><c>Limits:ConnectionsPerIp</c> WebSockets from the client's address are open: 429.</summary>
    AddressFull,
}

/// <summary>
/// The one count of open WebSockets, taken by both ways in (the direct upgrade on the connection and
/// Kestrel's HTTP path), so no way around the limits exists. A lease is held for the connection's life.
/// <list type="bullet">
/// <item>every WebSocket in total: <c>Limits:MaxConnections</c> (lowered to fit the open-file limit);</item>
/// <item>per client address: <c>Limits:ConnectionsPerIp</c>, an IPv6 client keyed by its /64 (the block
/// one subscriber gets, or one machine could take every address of it); loopback exempt unless
/// <c>Limits:ExemptLoopback=false</c>.</item>
/// </list>
/// The framework's concurrency limiters count; they live here rather than in the rate-limiting
/// middleware because the direct upgrade, which runs before any <c>HttpContext</c> exists, takes them too.
/// </summary>
public sealed partial class WebSocketLeases : IDisposable
{
    private readonly ConcurrencyLimiter _all;
    private readonly PartitionedRateLimiter<IPAddress?> _perAddress;
    private readonly int _maxConnections;
    private readonly int _perAddressLimit;
    private readonly ILogger<WebSocketLeases> _logger;
    private readonly RefusalReport _serverFull;
    private readonly RefusalReport _addressFull;

    public WebSocketLeases(ConnectionBudget budget, IOptions<LimitsOptions> options, TimeProvider time, ILogger<WebSocketLeases> logger)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _maxConnections = budget.WebSockets;
        _perAddressLimit = limits.ConnectionsPerIp;
        _logger = logger;
        _serverFull = new RefusalReport(time);
        _addressFull = new RefusalReport(time);
        _all = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = budget.WebSockets, QueueLimit = 0 });
        var perAddress = new ConcurrencyLimiterOptions { PermitLimit = limits.ConnectionsPerIp, QueueLimit = 0 };
        _perAddress = PartitionedRateLimiter.Create<IPAddress?, string>(address => limits.AppliesTo(address)
            ? RateLimitPartition.GetConcurrencyLimiter(KeyOf(address).ToString(), _ => perAddress)
            : RateLimitPartition.GetNoLimiter("exempt"));
    }

    /// <summary>Takes a place for a WebSocket from <paramref name="client"/>; the lease is null when refused.</summary>
    public WebSocketRefusal TryTake(IPAddress? client, out IDisposable? lease)
    {
        lease = null;
        var all = _all.AttemptAcquire();
        if (!all.IsAcquired)
        {
            all.Dispose();
            return WebSocketRefusal.ServerFull;
        }

        var mine = _perAddress.AttemptAcquire(client);
        if (!mine.IsAcquired)
        {
            mine.Dispose();
            all.Dispose();
            return WebSocketRefusal.AddressFull;
        }

        lease = new Lease(all, mine);
        return WebSocketRefusal.None;
    }

    /// <summary>Logs a refusal the client is told about, at most one line per kind every 10 s.</summary>
    public void Report(WebSocketRefusal refusal, IPAddress? client)
    {
        if (refusal == WebSocketRefusal.ServerFull && _serverFull.Count(out var full))
        {
            LogServerFull(client?.ToString() ?? "?", _maxConnections, full);
        }
        else if (refusal == WebSocketRefusal.AddressFull && _addressFull.Count(out var refused))
        {
            LogAddressFull(client?.ToString() ?? "?", _perAddressLimit, refused);
        }
    }

    /// <summary>The partition key: an IPv4 address as it is, an IPv6 address by its /64 prefix.</summary>
    internal static IPAddress KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return IPAddress.None;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _all.Dispose();
    }

    private sealed class Lease(RateLimitLease all, RateLimitLease perAddress) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                perAddress.Dispose();
                all.Dispose();
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "WebSocket handshake from {ClientAddress} refused with 503: {MaxConnections} connections are open (Limits:MaxConnections); {Refused} refused since the last such line")]
    private partial void LogServerFull(string clientAddress, int maxConnections, long refused);

    [LoggerMessage(LogLevel.Information, "WebSocket handshake from {ClientAddress} refused with 429: {ConnectionsPerIp} connections from that address are open (Limits:ConnectionsPerIp); {Refused} refused since the last such line")]
    private partial void LogAddressFull(string clientAddress, int connectionsPerIp, long refused);
}
