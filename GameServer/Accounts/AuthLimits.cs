using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using GameServer.Limits;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Accounts;

/// <summary>
/// What registering and logging in may cost, per client address: <c>auth.register</c> and
/// <c>auth.login</c> calls per minute (loopback exempt unless <c>Limits:ExemptLoopback</c> is false),
/// and failed logins per (username, address), reset by a success, as Nakama's failed-login cache
/// does. Keying failures by the address too is what keeps an attacker elsewhere from locking the
/// owner out; successes are never counted. The buckets are <see cref="SharedTokenBuckets"/>: in cluster
/// mode in Redis, so failures and attempts spread over the nodes are counted as on one.
/// </summary>
public sealed partial class AuthLimits
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly LimitsOptions _options;
    private readonly SharedTokenBuckets _registrations;
    private readonly SharedTokenBuckets _logins;
    private readonly SharedTokenBuckets _failures;
    private readonly ILogger<AuthLimits> _logger;

    public AuthLimits(IOptions<LimitsOptions> options, ISharedTokenBucketsFactory buckets, ILogger<AuthLimits> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(buckets);
        _options = options.Value;
        _registrations = buckets.Create("registrations", _options.RegistrationsPerIpPerMinute, Minute);
        _logins = buckets.Create("logins", _options.LoginsPerIpPerMinute, Minute);
        _failures = buckets.Create("login-failures", _options.LoginFailuresPerMinute, Minute);
        _logger = logger;
    }

    /// <summary>Counts a registration from <paramref name="client"/>; -32029 beyond the address's rate.</summary>
    public async ValueTask TakeRegistrationAsync(IPAddress? client, CancellationToken cancellationToken = default)
    {
        if (client is not null && _options.AppliesTo(client) && await Refused(_registrations, client.ToString(), take: true, cancellationToken) is { } retryAfter)
        {
            LogRegistrationsRefused(client);
            throw RpcException.RateLimited(retryAfter);
        }
    }

    /// <summary>
    /// Counts a login attempt from <paramref name="client"/> and refuses it (-32029) beyond the
    /// address's rate, or while the name has too many recent failures from that address. Called
    /// before the password is checked, so a refused attempt costs no hash.
    /// </summary>
    public async ValueTask TakeLoginAsync(string username, IPAddress? client, CancellationToken cancellationToken = default)
    {
        if (client is not null && _options.AppliesTo(client) && await Refused(_logins, client.ToString(), take: true, cancellationToken) is { } retryAfter)
        {
            LogLoginsRefused(client);
            throw RpcException.RateLimited(retryAfter);
        }

        // Failures count on loopback too: they guard the password, not the server's capacity.
        if (await Refused(_failures, FailureKey(username, client), take: false, cancellationToken) is { } lockedFor)
        {
            LogLockedOut(Printable(username), Address(client), lockedFor);
            throw RpcException.RateLimited(lockedFor);
        }
    }

    /// <summary>Counts a wrong password (or an unknown name) for the name and the address.</summary>
    public async ValueTask RecordFailureAsync(string username, IPAddress? client, CancellationToken cancellationToken = default)
    {
        var key = FailureKey(username, client);
        await Refused(_failures, key, take: true, cancellationToken);
        LogFailed(Printable(username), Address(client));
        if (await Refused(_failures, key, take: false, cancellationToken) is { } lockedFor)
        {
            LogLockOutStarts(Printable(username), Address(client), _options.LoginFailuresPerMinute, lockedFor);
        }
    }

    /// <summary>A successful login forgets the failures of the name from that address.</summary>
    public ValueTask RecordSuccessAsync(string username, IPAddress? client, CancellationToken cancellationToken = default) =>
        _failures.ResetAsync(FailureKey(username, client), cancellationToken);

    // The address first: it holds no '|', so no two (name, address) pairs share a key.
    private static string FailureKey(string username, IPAddress? client) =>
        $"{client ?? IPAddress.None}|{User.Normalize(username)}";

    /// <summary>Takes a token (or asks whether one is left); null when granted, else the time until one is back.</summary>
    private static async ValueTask<TimeSpan?> Refused(SharedTokenBuckets buckets, string key, bool take, CancellationToken cancellationToken)
    {
        using var lease = await buckets.AcquireAsync(key, take ? 1 : 0, cancellationToken);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.Zero;
    }

    private static string Address(IPAddress? client) => client?.ToString() ?? "(in process)";

    // A name that breaks the rules may hold anything, line breaks included: log it quoted and escaped, and short.
    private static string Printable(string username) =>
        AccountService.IsValidUsername(username) ? username : JsonSerializer.Serialize(username.Length > 64 ? username[..64] : username);

    [LoggerMessage(LogLevel.Information, "Login failed for {Username} from {ClientAddress}")]
    private partial void LogFailed(string username, string clientAddress);

    [LoggerMessage(LogLevel.Information, "Login of {Username} from {ClientAddress} locked out for {LockedFor} after {Failures} failures in a minute")]
    private partial void LogLockOutStarts(string username, string clientAddress, int failures, TimeSpan lockedFor);

    [LoggerMessage(LogLevel.Information, "Login of {Username} from {ClientAddress} refused: locked out for {LockedFor} more")]
    private partial void LogLockedOut(string username, string clientAddress, TimeSpan lockedFor);

    // Refusals by the per-address rates are at Debug: under a flood there are as many as requests.
    [LoggerMessage(LogLevel.Debug, "Login attempts from {ClientAddress} refused: over Limits:LoginsPerIpPerMinute")]
    private partial void LogLoginsRefused(IPAddress clientAddress);

    [LoggerMessage(LogLevel.Debug, "Registrations from {ClientAddress} refused: over Limits:RegistrationsPerIpPerMinute")]
    private partial void LogRegistrationsRefused(IPAddress clientAddress);
}
