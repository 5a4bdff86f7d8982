using GameServer.Cluster.Leases;

namespace GameServer.Tests.Cluster.Leases;

/// <summary>
/// Leases kept as Redis keeps them (a holder, a token from an ever-growing counter, an expiry), on the
/// test's clock. It can be cut off (every call fails, as with Redis unreachable) and can hold one
/// holder's calls until released (a paused process: the call is decided when it finally arrives).
/// </summary>
internal sealed class MemoryLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly Dictionary<string, (string Holder, long Token, DateTimeOffset Expires)> _leases = [];
    private readonly Dictionary<string, long> _fences = [];
    private TaskCompletionSource? _paused;
    private string? _pausedHolder;

    /// <summary>While true every call fails as a call to an unreachable Redis does.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Who holds <paramref name="lease"/> in the store now, and until when; null when free or expired.</summary>
    public (string Holder, long Token, DateTimeOffset Expires)? Holding(string lease) =>
        _leases.TryGetValue(lease, out var held) && held.Expires > time.GetUtcNow() ? held : null;

    /// <summary>Holds <paramref name="holder"/>'s calls until <see cref="Resume"/>.</summary>
    public void Pause(string holder) => (_pausedHolder, _paused) = (holder, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Resume() => _paused?.TrySetResult();

    public async Task<long?> TryAcquireAsync(string lease, string holder, TimeSpan timeout)
    {
        await Arrive(holder);
        if (Holding(lease) is not null)
        {
            return null;
        }

        var token = _fences[lease] = _fences.GetValueOrDefault(lease) + 1;
        _leases[lease] = (holder, token, time.GetUtcNow() + timeout);
        return token;
    }

    public async Task<bool> RenewAsync(string lease, string holder, long token, TimeSpan timeout)
    {
        await Arrive(holder);
        if (Holding(lease) is not { } held || held.Holder != holder || held.Token != token)
        {
            return false;
        }

        _leases[lease] = (holder, token, time.GetUtcNow() + timeout);
        return true;
    }

    public async Task ReleaseAsync(string lease, string holder, long token)
    {
        await Arrive(holder);
        if (Holding(lease) is { } held && held.Holder == holder && held.Token == token)
        {
            _leases.Remove(lease);
        }
    }

    public async Task<bool> IsHeldAsync(string lease, string holder, long token)
    {
        await Arrive(holder);
        return Holding(lease) is { } held && held.Holder == holder && held.Token == token;
    }

    private async Task Arrive(string holder)
    {
        if (holder == _pausedHolder && _paused is { } paused)
        {
            await paused.Task;
        }

        if (Unreachable)
        {
            throw new InvalidOperationException("the store is unreachable");
        }
    }
}
