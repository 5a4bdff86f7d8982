namespace GameServer.Cluster.Leases;

/// <summary>One process, one node: every lease is always this node's, with a token that never changes.</summary>
public sealed class LocalLeases : ILeases
{
    public ILease Get(string name) => new LocalLease(name);

    private sealed class LocalLease(string name) : ILease
    {
        private const long OnlyToken = 1;

        public string Name => name;

        public long? Token => OnlyToken;

        // Never raised: nothing else competes.
        public event Action<ILease>? Changed { add { } remove { } }

        public bool IsCurrent(long token) => token == OnlyToken;

        public ValueTask<bool> IsCurrentAsync(long token, CancellationToken cancellationToken = default) => ValueTask.FromResult(IsCurrent(token));
    }
}
