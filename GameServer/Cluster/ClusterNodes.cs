namespace GameServer.Cluster;

/// <summary>
/// The live nodes as the last heartbeat read them, this one included; empty on a single node. Read by
/// <c>system.info</c> without a trip to Redis.
/// </summary>
public sealed class ClusterNodes
{
    private IReadOnlyList<NodeStatus> _live = [];

    /// <summary>The live nodes, by id.</summary>
    public IReadOnlyList<NodeStatus> Live => Volatile.Read(ref _live);

    internal void Set(IEnumerable<NodeStatus> live) => Volatile.Write(ref _live, [.. live.OrderBy(n => n.Id, StringComparer.Ordinal)]);
}
