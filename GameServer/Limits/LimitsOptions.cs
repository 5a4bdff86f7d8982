using System.ComponentModel.DataAnnotations;
using System.Net;
using GameServer.Configuration;

namespace GameServer.Limits;

/// <summary>
/// What one client may cost the server, bound to the <c>Limits</c> section; docs/reliability.md lists
/// each limit with what the client gets beyond it.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Open WebSocket connections in total; beyond, the upgrade is refused with 503.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be 1 to 1000000")]
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Open WebSocket connections per client address; beyond, 429 before the upgrade.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be 1 to 1000000")]
    public int ConnectionsPerIp { get; set; } = 50;

    /// <summary>An anonymous session that has not logged in by then is closed with 1008.</summary>
    [PositiveDuration]
    public TimeSpan LoginDeadline { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>auth.register</c> calls per client address per minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be 1 to 1000000")]
    public int RegistrationsPerIpPerMinute { get; set; } = 5;

    /// <summary><c>auth.login</c> attempts per client address per minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be 1 to 1000000")]
    public int LoginsPerIpPerMinute { get; set; } = 30;

    /// <summary>Failed logins per (username, client address) per minute; a success resets the count.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be 1 to 1000000")]
    public int LoginFailuresPerMinute { get; set; } = 10;

    /// <summary>Password hashes computed at once; more wait in a bounded queue.</summary>
    [Range(1, 1024, ErrorMessage = "must be 1 to 1024")]
    public int ConcurrentPasswordHashes { get; set; } = Environment.ProcessorCount;

    /// <summary>Password hashes that may wait for a free slot; beyond, -32029.</summary>
    [Range(0, 100_000, ErrorMessage = "must be 0 to 100000")]
    public int PasswordHashQueue { get; set; } = 64;

    /// <summary>
    /// Loopback clients skip the per-address limits (bots and tests on one machine). The address is
    /// the one after the forwarded-headers middleware; behind a reverse proxy on the same host that
    /// does not send <c>X-Forwarded-For</c>, set this to false.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary>Whether the per-address limits apply to <paramref name="address"/>.</summary>
    public bool AppliesTo(IPAddress? address) => !(ExemptLoopback && address is not null && IPAddress.IsLoopback(address));
}
