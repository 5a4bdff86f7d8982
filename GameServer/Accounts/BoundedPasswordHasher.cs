using System.Threading.RateLimiting;
using GameServer.Limits;
using GameServer.Realtime.JsonRpc;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GameServer.Accounts;

/// <summary>
/// Every password hash of the server goes through here: at most <c>Limits:ConcurrentPasswordHashes</c>
/// at once, <c>Limits:PasswordHashQueue</c> more waiting, and beyond that -32029 at once. Each hash runs
/// on a thread of its own, never on the thread pool: PBKDF2 holds its thread for ~80 ms, and pool
/// threads held by a login flood starve the WebSocket loops of players already logged in.
/// </summary>
public sealed class BoundedPasswordHasher : IDisposable
{
    // The limiter cannot say when a slot frees up; a full queue drains in a few hashes' time.
    private static readonly TimeSpan QueueFullRetryAfter = TimeSpan.FromSeconds(1);

    private readonly IPasswordHasher<User> _hasher;
    private readonly ConcurrencyLimiter _limiter;

    // Verifying against this when the user does not exist makes a wrong name cost as much as a wrong password.
    private readonly Lazy<string> _decoyHash;

    public BoundedPasswordHasher(IPasswordHasher<User> hasher, IOptions<LimitsOptions> limits)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(limits);
        _hasher = hasher;
        _decoyHash = new(() => hasher.HashPassword(new User(), "decoy password"));
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.Value.ConcurrentPasswordHashes,
            QueueLimit = limits.Value.PasswordHashQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Hashes <paramref name="password"/> for <paramref name="user"/>.</summary>
    public Task<string> HashAsync(User user, string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hasher.HashPassword(user, password), cancellationToken);

    /// <summary>Checks <paramref name="password"/> against the user's stored hash.</summary>
    public Task<PasswordVerificationResult> VerifyAsync(User user, string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hasher.VerifyHashedPassword(user, user.PasswordHash, password), cancellationToken);

    /// <summary>Spends the time of a verification without a user, so that an unknown name is not told apart by speed.</summary>
    public Task VerifyDecoyAsync(string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hasher.VerifyHashedPassword(new User(), _decoyHash.Value, password), cancellationToken);

    public void Dispose() => _limiter.Dispose();

    private async Task<T> RunAsync<T>(Func<T> hash, CancellationToken cancellationToken)
    {
        using var permit = await _limiter.AcquireAsync(1, cancellationToken);
        if (!permit.IsAcquired)
        {
            throw RpcException.RateLimited(QueueFullRetryAfter);
        }

        // Not cancellable once started: the permit must stay held until the thread is done with the CPU.
        // The caller goes on on the thread pool: on the hashing thread it would run the session's next
        // frames too, off the pool, where a session's work is taken for the socket thread's (SocketThread).
        return await Task.Factory.StartNew(hash, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
    }
}
