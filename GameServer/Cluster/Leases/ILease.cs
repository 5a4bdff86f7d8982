namespace GameServer.Cluster.Leases;

/// <summary>
/// The right to be the one node that does something (own a world, run a job), held for a while and
/// renewed. Whoever holds it checks <see cref="Token"/> (or <see cref="IsCurrent"/>) right before each
/// act, and writes the token with what it writes where a stale holder must be refused. In one process
/// the lease is always held; in cluster mode it lives in Redis (see docs/cluster-coordination.md).
/// </summary>
public interface ILease
{
    /// <summary>What it is the right to, such as <c>world:1</c> or <c>job:gifts</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The fencing token while this node holds the lease and may act on it; null otherwise. It grows
    /// with every new holder, so a write carrying an older one can be told apart and refused.
    /// </summary>
    long? Token { get; }

    /// <summary>Whether this node holds the lease now and may act as its owner.</summary>
    bool IsHeld => Token is not null;

    /// <summary>Raised (off any lock) when this node starts or stops holding the lease.</summary>
    event Action<ILease>? Changed;

    /// <summary>Whether <paramref name="token"/> is the one this node holds now, by its own clock.</summary>
    bool IsCurrent(long token);

    /// <summary>
    /// Whether <paramref name="token"/> is the one Redis holds now: asks the authority rather than the
    /// local clock, for an act that can afford the round trip.
    /// </summary>
    ValueTask<bool> IsCurrentAsync(long token, CancellationToken cancellationToken = default);
}

/// <summary>The leases of this node by name: the same lease for the same name, started on first use.</summary>
public interface ILeases
{
    /// <summary>The lease named <paramref name="name"/> (e.g. <c>world:1</c>, <c>job:gifts</c>); this node competes for it from now on.</summary>
    ILease Get(string name);
}
