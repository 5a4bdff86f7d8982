using System.Net;
using System.Text.Json;
using GameServer.Limits;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Accounts;

/// <summary>
/// What registering and logging in may cost, per client address: <c>auth.register</c> and
/// <c>auth.login</c> calls per minute (loopback exempt unless <c>Limits:ExemptLoopback</c> is false),
/// and failed logins per (username, address), reset by a success, as Nakama's failed-login cache
/// does. Keying failures by the address too is what keeps an attacker elsewhere from locking the
/// owner out; successes are never counted.
/// </summary>
public sealed partial class AuthLimits
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly LimitsOptions _options;
    private readonly TokenBuckets<IPAddress> _registrations;
    private readonly TokenBuckets<IPAddress> _logins;
    private readonly TokenBuckets<(string Username, IPAddress Address)> _failures;
    private readonly ILogger<AuthLimits> _logger;

    public AuthLimits(IOptions<LimitsOptions> options, TimeProvider time, ILogger<AuthLimits> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _registrations = new(_options.RegistrationsPerIpPerMinute, Minute, time);
        _logins = new(_options.LoginsPerIpPerMinute, Minute, time);
        _failures = new(_options.LoginFailuresPerMinute, Minute, time);
        _logger = logger;
    }

    /// <summary>Counts a registration from <paramref name="client"/>; -32029 beyond the address's rate.</summary>
    public void TakeRegistration(IPAddress? client)
    {
        if (client is not null && _options.AppliesTo(client) && !_registrations.TryTake(client, out var retryAfter))
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
    public void TakeLogin(string username, IPAddress? client)
    {
        if (client is not null && _options.AppliesTo(client) && !_logins.TryTake(client, out var retryAfter))
        {
            LogLoginsRefused(client);
            throw RpcException.RateLimited(retryAfter);
        }

        // Failures count on loopback too: they guard the password, not the server's capacity.
        if (_failures.IsEmpty(FailureKey(username, client), out var lockedFor))
        {
            LogLockedOut(Printable(username), Address(client), lockedFor);
            throw RpcException.RateLimited(lockedFor);
        }
    }

    /// <summary>Counts a wrong password (or an unknown name) for the name and the address.</summary>
    public void RecordFailure(string username, IPAddress? client)
    {
        var key = FailureKey(username, client);
        _failures.TryTake(key, out _);
        LogFailed(Printable(username), Address(client));
        if (_failures.IsEmpty(key, out var lockedFor))
        {
            LogLockOutStarts(Printable(username), Address(client), _options.LoginFailuresPerMinute, lockedFor);
        }
    }

    /// <summary>A successful login forgets the failures of the name from that address.</summary>
    public void RecordSuccess(string username, IPAddress? client) => _failures.Reset(FailureKey(username, client));

    private static (string, IPAddress) FailureKey(string username, IPAddress? client) =>
        (User.Normalize(username), client ?? IPAddress.None);

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
