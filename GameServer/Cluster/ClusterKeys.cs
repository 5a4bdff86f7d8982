using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// Every Redis key and channel of one game, all under <c>Cluster:Name</c>, named in one place
/// (docs/cluster.md lists them).
/// </summary>
public sealed class ClusterKeys(string gameName)
{
    /// <summary>The set of node ids that have sent a heartbeat; swept of dead ones by the live nodes.</summary>
    public RedisKey Nodes { get; } = $"{gameName}:nodes";

    /// <summary>A node's heartbeat: its figures and roles, expiring unless renewed.</summary>
    public RedisKey Node(string nodeId) => $"{gameName}:node:{nodeId}";

    /// <summary>The users with a session in the world on a node, expiring with its heartbeat.</summary>
    public RedisKey Presence(string nodeId) => $"{gameName}:presence:{nodeId}";

    /// <summary>The bus channel <paramref name="channel"/>.</summary>
    public RedisChannel Bus(string channel) => RedisChannel.Literal($"{BusPrefix}{channel}");

    /// <summary>Every bus channel of the game, for the one pattern subscription of a node.</summary>
    public RedisChannel AllBus => RedisChannel.Pattern($"{BusPrefix}*");

    /// <summary>What precedes a bus channel's name in its Redis channel.</summary>
    public string BusPrefix { get; } = $"{gameName}:bus:";
}
