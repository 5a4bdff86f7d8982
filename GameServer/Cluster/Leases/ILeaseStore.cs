namespace GameServer.Cluster.Leases;

/// <summary>
/// Where leases are kept and decided: atomic operations on one lease, each checked against its holder.
/// Redis in cluster mode (<see cref="RedisLeaseStore"/>); the unit tests keep one in memory.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Takes the lease if nobody holds it, for <paramref name="timeout"/>; the new fencing token, or null when held.</summary>
    Task<long?> TryAcquireAsync(string lease, string holder, TimeSpan timeout);

    /// <summary>Extends the lease by <paramref name="timeout"/> only if it is still <paramref name="holder"/>'s with <paramref name="token"/>.</summary>
    Task<bool> RenewAsync(string lease, string holder, long token, TimeSpan timeout);

    /// <summary>Gives the lease up, if it is still <paramref name="holder"/>'s with <paramref name="token"/>.</summary>
    Task ReleaseAsync(string lease, string holder, long token);

    /// <summary>Whether the lease is held now by <paramref name="holder"/> with <paramref name="token"/>.</summary>
    Task<bool> IsHeldAsync(string lease, string holder, long token);
}
