using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using GameServer.Realtime.JsonRpc;
using GameServer.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GameServer.Accounts;

/// <summary>A user logged in with a fresh or resumed token.</summary>
/// <param name="User">The user.</param>
/// <param name="Token">The token to give the client.</param>
/// <param name="TokenHash">The token's stored hash, which identifies it for logout.</param>
public sealed record SignedInUser(User User, string Token, string TokenHash);

/// <summary>
/// The rules of accounts and sessions: registration, login, token resume and revocation. The
/// JSON-RPC handlers, the HTTP API's bearer check and the createsuperuser command all go through it.
/// </summary>
public sealed partial class AccountService(
    AccountStore store,
    GameDatabase database,
    IEnumerable<IAccountProvisioner> provisioners,
    IPasswordHasher<User> hasher,
    IOptions<AccountsOptions> options,
    TimeProvider time) : IDisposable
{
    private const int TokenBytes = 32;
    private const int MinPasswordLength = 8;
    private const int MaxPasswordLength = 1024;

    // Verifying against this hash when the user does not exist makes a wrong name cost as much as a wrong password.
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(new User(), "decoy password"));

    private readonly PartitionedRateLimiter<string> _loginLimiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetTokenBucketLimiter(name, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.LoginAttemptsPerMinute,
            TokensPerPeriod = options.Value.LoginAttemptsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Creates a user with its per-feature records and a first token, all in one transaction.</summary>
    public SignedInUser Register(string username, string password, bool isAdmin = false)
    {
        ValidateUsername(username);
        ValidatePassword(password);
        if (store.FindUserByName(username) is not null)
        {
            throw RpcException.Conflict("username", "is already taken");
        }

        var user = new User
        {
            Username = username,
            NormalizedUsername = User.Normalize(username),
            IsAdmin = isAdmin,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        try
        {
            return database.InTransaction(() =>
            {
                store.Insert(user);
                foreach (var provisioner in provisioners)
                {
                    provisioner.Provision(user);
                }

                return IssueToken(user);
            });
        }
        catch (Exception e) when (GameDatabase.IsDuplicateKey(e))
        {
            // Two registrations of one name raced past the check above; the unique index decided.
            throw RpcException.Conflict("username", "is already taken");
        }
    }

    /// <summary>Checks a password; an unknown user and a wrong password fail alike.</summary>
    public SignedInUser Login(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        using var lease = _loginLimiter.AttemptAcquire(User.Normalize(username));
        if (!lease.IsAcquired)
        {
            throw RpcException.RateLimited(TimeSpan.FromMinutes(1));
        }

        var user = store.FindUserByName(username);
        if (user is null || password.Length > MaxPasswordLength)
        {
            hasher.VerifyHashedPassword(new User(), _decoyHash.Value, password.Length > MaxPasswordLength ? "" : password);
            throw RpcException.Unauthenticated("invalid username or password");
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            throw RpcException.Unauthenticated("invalid username or password");
        }

        return database.InTransaction(() =>
        {
            if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            {
                user.PasswordHash = hasher.HashPassword(user, password);
                store.Update(user);
            }

            return IssueToken(user);
        });
    }

    /// <summary>Logs in with an existing token: a reconnect or another device of the same user.</summary>
    public SignedInUser Resume(string token)
    {
        var tokenHash = HashToken(token) ?? throw RpcException.Unauthenticated("invalid or expired token");
        var stored = store.FindToken(tokenHash);
        if (stored is null || stored.ExpiresAt.ToUniversalTime() <= time.GetUtcNow().UtcDateTime)
        {
            throw RpcException.Unauthenticated("invalid or expired token");
        }

        var user = store.FindUser(stored.UserId) ?? throw RpcException.Unauthenticated("invalid or expired token");
        return new SignedInUser(user, token, tokenHash);
    }

    /// <summary>Revokes one token; the user's other devices keep theirs.</summary>
    public void Revoke(string tokenHash) => store.DeleteToken(tokenHash);

    /// <summary>The user behind a bearer token, or null: for the HTTP API.</summary>
    public User? Authenticate(string token)
    {
        try
        {
            return Resume(token).User;
        }
        catch (RpcException)
        {
            return null;
        }
    }

    public IReadOnlyList<User> ListUsers() => store.AllUsers();

    /// <summary>Grants or revokes admin rights; an admin cannot revoke its own, so there is always one left who can undo it.</summary>
    public User SetAdmin(int actingUserId, int userId, bool isAdmin)
    {
        var user = store.FindUser(userId) ?? throw RpcException.NotFound("user", userId);
        if (userId == actingUserId && !isAdmin)
        {
            throw RpcException.Conflict("is_admin", "an admin cannot revoke its own admin rights");
        }

        user.IsAdmin = isAdmin;
        store.Update(user);
        return user;
    }

    /// <summary>Sets a new password and revokes every token of the user: all of its devices must log in again.</summary>
    public User SetPassword(int userId, string password)
    {
        ValidatePassword(password);
        var user = store.FindUser(userId) ?? throw RpcException.NotFound("user", userId);
        user.PasswordHash = hasher.HashPassword(user, password);
        database.InTransaction(() =>
        {
            store.Update(user);
            store.DeleteTokensOf(userId);
        });
        return user;
    }

    /// <summary>Deletes expired tokens; returns how many.</summary>
    public int DeleteExpiredTokens() => store.DeleteTokensExpiredBefore(time.GetUtcNow().UtcDateTime);

    /// <summary>Creates an admin, as the original's <c>manage.py createsuperuser</c> did.</summary>
    public User CreateSuperuser(string username, string password) => Register(username, password, isAdmin: true).User;

    public void Dispose() => _loginLimiter.Dispose();

    private SignedInUser IssueToken(User user)
    {
        var secret = RandomNumberGenerator.GetBytes(TokenBytes);
        var now = time.GetUtcNow().UtcDateTime;
        var token = new AuthToken
        {
            TokenHash = Convert.ToBase64String(SHA256.HashData(secret)),
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAt = now + options.Value.TokenLifetime,
        };
        store.Insert(token);
        return new SignedInUser(user, Base64Url.EncodeToString(secret), token.TokenHash);
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

        if (!UsernamePattern().IsMatch(username))
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

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,32}$")]
    private static partial Regex UsernamePattern();
}
