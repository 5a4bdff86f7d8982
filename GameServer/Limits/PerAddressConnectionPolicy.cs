using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace GameServer.Limits;

/// <summary>
/// At most <c>Limits:ConnectionsPerIp</c> open WebSockets per client address; beyond, 429 before the
/// upgrade. An IPv6 client is keyed by its /64, the block one subscriber gets, or one machine could
/// take every address of it. Loopback is exempt while <c>Limits:ExemptLoopback</c> is true.
/// </summary>
internal sealed partial class PerAddressConnectionPolicy(LimitsOptions limits, ILogger logger, RefusalReport report) : IRateLimiterPolicy<string>
{
    private readonly ConcurrencyLimiterOptions _perAddress = new() { PermitLimit = limits.ConnectionsPerIp, QueueLimit = 0 };

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (rejected, _) =>
    {
        rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (report.Count(out var refused))
        {
            LogRefused(logger, rejected.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?", limits.ConnectionsPerIp, refused);
        }

        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var address = httpContext.Connection.RemoteIpAddress;
        return limits.AppliesTo(address)
            ? RateLimitPartition.GetConcurrencyLimiter(KeyOf(address).ToString(), _ => _perAddress)
            : RateLimitPartition.GetNoLimiter("exempt");
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

    [LoggerMessage(LogLevel.Information, "WebSocket handshake from {ClientAddress} refused with 429: {ConnectionsPerIp} connections from that address are open (Limits:ConnectionsPerIp); {Refused} refused since the last such line")]
    private static partial void LogRefused(ILogger logger, string clientAddress, int connectionsPerIp, long refused);
}
