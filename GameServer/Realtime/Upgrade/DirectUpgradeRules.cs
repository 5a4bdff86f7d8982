using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace GameServer.Realtime.Upgrade;

/// <summary>Ports on which the direct upgrade stands aside (a port that serves only <c>/metrics</c>).</summary>
public sealed class DirectUpgradeOptions
{
    public HashSet<int> ExcludedPorts { get; } = [];
}

/// <summary>
/// What the HTTP path would decide about a handshake, for the handshakes the direct upgrade takes:
/// the client's address and scheme after forwarded headers, and the origin check. Where a setting
/// makes the HTTP path's answer more than these rules (allowed hosts, forwarded headers beyond
/// <c>X-Forwarded-For</c> and <c>-Proto</c> with one proxy), the direct upgrade is off and every
/// handshake goes through Kestrel.
/// </summary>
internal sealed class DirectUpgradeRules(
    IOptions<RealtimeOptions> realtime,
    IOptions<DirectUpgradeOptions> direct,
    IOptions<ForwardedHeadersOptions> forwarded,
    IOptions<HostFilteringOptions> hosts,
    IOptions<KestrelServerOptions> kestrel,
    OriginPolicy origins)
{
    private readonly ForwardedHeadersOptions _forwarded = forwarded.Value;

    public bool Enabled { get; } = realtime.Value.DirectUpgrade && PlainForwarding(forwarded.Value) && AnyHost(hosts.Value);

    /// <summary>Whether an upgraded socket's frames are read on the socket engine's thread (<see cref="SocketThread"/>).</summary>
    public bool InlineReceive { get; } = realtime.Value.InlineReceive;

    /// <summary>Kestrel's time for a request's head; the direct upgrade waits no longer for one.</summary>
    public TimeSpan HeadTimeout { get; } = kestrel.Value.Limits.RequestHeadersTimeout;

    public bool ServesPort(EndPoint? local) => local is not IPEndPoint endPoint || !direct.Value.ExcludedPorts.Contains(endPoint.Port);

    /// <summary>
    /// The client's address, as the forwarded-headers middleware would set it, if the request's origin
    /// is allowed; false when the HTTP path should answer instead (it refuses, or it reads the headers
    /// in a way these rules do not repeat).
    /// </summary>
    public bool Admits(UpgradeRequest request, IPAddress? remote, out IPAddress? client)
    {
        ArgumentNullException.ThrowIfNull(request);
        client = remote;
        var scheme = "http";
        if (remote is not null && IsTrustedProxy(remote))
        {
            if (!string.IsNullOrEmpty(request.ForwardedFor) && _forwarded.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor))
            {
                if (!IPEndPoint.TryParse(Last(request.ForwardedFor), out var forwardedFor))
                {
                    return false;
                }

                client = forwardedFor.Address;
            }

            if (!string.IsNullOrEmpty(request.ForwardedProto) && _forwarded.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedProto))
            {
                scheme = Last(request.ForwardedProto);
                if (!Uri.CheckSchemeName(scheme))
                {
                    return false;
                }
            }
        }

        return origins.Allows(request.Origin, scheme, request.Host);
    }

    private static string Last(string list) => list[(list.LastIndexOf(',') + 1)..].Trim(' ', '\t');

    private bool IsTrustedProxy(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6 && IsTrustedProxy(address.MapToIPv4()))
        {
            return true;
        }

        return _forwarded.KnownProxies.Contains(address) || _forwarded.KnownIPNetworks.Any(network => network.Contains(address));
    }

    private static bool PlainForwarding(ForwardedHeadersOptions options) =>
        options.ForwardLimit == 1
        && !options.RequireHeaderSymmetry
        && (options.ForwardedHeaders & ~(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto)) == ForwardedHeaders.None
        && options.ForwardedForHeaderName == ForwardedHeadersDefaults.XForwardedForHeaderName
        && options.ForwardedProtoHeaderName == ForwardedHeadersDefaults.XForwardedProtoHeaderName;

    private static bool AnyHost(HostFilteringOptions options) =>
        options.AllowedHosts is not { Count: > 0 } allowed || allowed.All(host => host == "*");
}
