using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GameServer.Realtime.JsonRpc;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GameServer.Accounts;

/// <summary>A user logged in with a fresh or resumed token.</summary>
/// <param name="User">The user.</param>
/// <param name="Token">The token to give the client.</param>
/// <param name="TokenHash">The token's stored hash, which identifies it for logout.</param>
/// <param name="ExpiresAt">When the token stops working (UTC); its sessions are signed out then.</param>
public sealed record SignedInUser(User User, string Token, string TokenHash, DateTime ExpiresAt);

/// <summary>
/// The rules of accounts and sessions: registration, login, token resume and revocation. The
/// JSON-RPC handlers, the HTTP API's bearer check and the createsuperuser command all go through it.
/// Admin operations are in <c>AccountService.Admin.cs</c>.
/// </summary>
public sealed partial class AccountService(
    IAccountStore store,
    IEnumerable<IAccountProvisioner> provisioners,
    BoundedPasswordHasher hasher,
    AuthLimits limits,
    IOptions<AccountsOptions> options,
    TimeProvider time)
{
    private const int TokenBytes = 32;
    private const int MinPasswordLength = 8;
    private const int MaxPasswordLength = 1024;

    private readonly IAccountProvisioner[] _provisioners = [.. provisioners];

    /// <summary>
    /// Creates a user with its per-feature records and a first token, all in one transaction.
    /// <paramref name="client"/> is the caller's address (null in process), limited per minute.
    /// </summary>
    public async Task<SignedInUser> RegisterAsync(string username, string password, IPAddress? client, bool isAdmin = false, CancellationToken cancellationToken = default)
    {
        ValidateUsername(username);
        ValidatePassword(password);
        await limits.TakeRegistrationAsync(client, cancellationToken);
        if (store.FindUserByName(username) is not null)
        {
            throw RpcException.Conflict("username", "is already taken");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Username = username,
            NormalizedUsername = User.Normalize(username),
            IsAdmin = isAdmin,
            CreatedAt = now,
            LastSeenAt = now,
        };
        user.PasswordHash = await hasher.HashAsync(user, password, cancellationToken);
        var (token, secret) = NewToken();
        try
        {
            store.Register(user, token, _provisioners);
        }
        catch (UsernameTakenException)
        {
            // Two registrations of one name raced past the check above; the unique index decided.
            throw RpcException.Conflict("username", "is already taken");
        }

        _registered.OnNext(new UserRegistered(user.Id, user.Username));
        return new SignedInUser(user, secret, token.TokenHash, token.ExpiresAt);
    }

    /// <summary>
    /// Checks a password; an unknown user and a wrong password fail alike, and cost alike. Attempts
    /// are limited per address, failures per (name, address); see <see cref="AuthLimits"/>.
    /// </summary>
    public async Task<SignedInUser> LoginAsync(string username, string password, IPAddress? client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        await limits.TakeLoginAsync(username, client, cancellationToken);
        var user = store.FindUserByName(username);
        if (user is null || password.Length > MaxPasswordLength)
        {
            await hasher.VerifyDecoyAsync(password.Length > MaxPasswordLength ? "" : password, cancellationToken);
            throw await LoginFailedAsync(username, client, cancellationToken);
        }

        var verdict = await hasher.VerifyAsync(user, password, cancellationToken);
        if (verdict == PasswordVerificationResult.Failed)
        {
            throw await LoginFailedAsync(username, client, cancellationToken);
        }

        await limits.RecordSuccessAsync(username, client, cancellationToken);
        var rehashed = verdict == PasswordVerificationResult.SuccessRehashNeeded ? await hasher.HashAsync(user, password, cancellationToken) : null;
        // The store reads the user again after the slow hash: the session must not sign in with an admin flag revoked meanwhile.
        var (token, secret) = NewToken();
        var current = store.SignIn(user.Id, rehashed, token) ?? throw RpcException.Unauthenticated("invalid username or password");
        return new SignedInUser(current, secret, token.TokenHash, token.ExpiresAt);
    }

    /// <summary>Logs in with an existing token: a reconnect or another device of the same user.</summary>
    public SignedInUser Resume(string token)
    {
        var (user, stored) = FindByToken(token) ?? throw RpcException.Unauthenticated("invalid or expired token");
        MarkSeen(user.Id);
        return new SignedInUser(user, token, stored.TokenHash, stored.ExpiresAt.ToUniversalTime());
    }

    /// <summary>Revokes one token; the user's other devices keep theirs.</summary>
    public void Revoke(string tokenHash) => store.DeleteToken(tokenHash);

    /// <summary>The user behind a bearer token, or null: for the HTTP API.</summary>
    public User? Authenticate(string token) => FindByToken(token)?.User;

    /// <summary>Records that the user was seen now (a sign-out, a closed connection).</summary>
    public void MarkSeen(int userId) => store.SetLastSeen(userId, time.GetUtcNow().UtcDateTime);

    /// <summary>Deletes expired tokens; returns how many.</summary>
    public int DeleteExpiredTokens() => store.DeleteTokensExpiredBefore(time.GetUtcNow().UtcDateTime);

    /// <summary>Whether <paramref name="username"/> follows the rule: 3-32 characters of A-Z, a-z, 0-9, _, . and -, and nothing else.</summary>
    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    private async Task<RpcException> LoginFailedAsync(string username, IPAddress? client, CancellationToken cancellationToken)
    {
        await limits.RecordFailureAsync(username, client, cancellationToken);
        return RpcException.Unauthenticated("invalid username or password");
    }

    private (User User, AuthToken Token)? FindByToken(string token)
    {
        var tokenHash = HashToken(token);
        var stored = tokenHash is null ? null : store.FindToken(tokenHash);
        if (stored is null || stored.ExpiresAt.ToUniversalTime() <= time.GetUtcNow().UtcDateTime)
        {
            return null;
        }

        return store.FindUser(stored.UserId) is { } user ? (user, stored) : null;
    }

    /// <summary>A new token: what the store keeps (its hash; the store sets its user), and the secret for the client.</summary>
    private (AuthToken Token, string Secret) NewToken()
    {
        var secret = RandomNumberGenerator.GetBytes(TokenBytes);
        var now = time.GetUtcNow().UtcDateTime;
        var token = new AuthToken
        {
            TokenHash = Convert.ToBase64String(SHA256.HashData(secret)),
            CreatedAt = now,
            ExpiresAt = now + options.Value.TokenLifetime,
        };
        return (token, Base64Url.EncodeToString(secret));
    }

    private static string? HashToken(string token)
    {
        Span<byte> secret = stackalloc byte[TokenBytes];
        if (token is null || token.Length > 64
            || Base64Url.DecodeFromChars(token, secret, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != TokenBytes)
        {
            return null;
        }

        return Convert.ToBase64String(SHA256.HashData(secret));
    }

    private static void ValidateUsername(string username)
    {
        if (username is null)
        {
            throw RpcException.InvalidParams("username", "is required");
        }

        if (!IsValidUsername(username))
        {
            throw RpcException.InvalidParams("username", "must be 3-32 characters of A-Z, a-z, 0-9, _, . and -");
        }
    }

    private static void ValidatePassword(string password)
    {
        if (password is null)
        {
            throw RpcException.InvalidParams("password", "is required");
        }

        if (password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            throw RpcException.InvalidParams("password", $"must be {MinPasswordLength} to {MaxPasswordLength} characters");
        }
    }

    // \z, not $: $ also matches before a final newline, which let "admin\n" register as a look-alike of "admin".
    [GeneratedRegex(@"^[A-Za-z0-9_.-]{3,32}\z")]
    private static partial Regex UsernamePattern();
}
