using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// This node's presence in Redis: the set of its users in the world (expiring with its heartbeat),
/// changed and published on the bus as its sessions come and go. After Redis was away (or before the
/// first heartbeat) the changes are not sent one by one: the next heartbeat writes the set whole and
/// changes its epoch, and the other nodes read it again.
/// </summary>
internal sealed class RedisPresence : IPresenceMirror
{
    internal const string ChangeChannel = "cluster.presence";
    internal const string LeftChannel = "cluster.node-left";

    private readonly IConnectionMultiplexer _redis;
    private readonly ClusterKeys _keys;
    private readonly LocalNode _node;
    private readonly ClusterBus _bus;
    private readonly Presence _presence;
    private bool _synced;
    private long _writes;

    public RedisPresence(IConnectionMultiplexer redis, ClusterKeys keys, LocalNode node, ClusterBus bus, Presence presence)
    {
        (_redis, _keys, _node, _bus, _presence) = (redis, keys, node, bus, presence);
        bus.On(ChangeChannel, ClusterJsonContext.Default.PresenceChange, change =>
        {
            if (change.Node != node.Id)
            {
                presence.Apply(change.Node, change.User, change.Online);
            }
        });
        bus.On(LeftChannel, ClusterJsonContext.Default.String, left =>
        {
            if (left != node.Id)
            {
                presence.Drop(left);
            }
        });
        presence.Mirror(this);
    }

    /// <summary>Changes with each whole write; in the heartbeat.</summary>
    public string Epoch => $"{_node.InstanceId:N}-{Interlocked.Read(ref _writes)}";

    /// <summary>Whether the set in Redis follows this node's sessions one change at a time.</summary>
    public bool Synced => Volatile.Read(ref _synced);

    // Called under the presence lock (see Presence.WithHere): one change at a time, in order.
    public void Write(int userId, bool online)
    {
        if (!_synced || _node.Id is not { } id)
        {
            return;
        }

        try
        {
            var db = _redis.GetDatabase();
            _ = online
                ? db.SetAdd(_keys.Presence(id), userId, CommandFlags.FireAndForget)
                : db.SetRemove(_keys.Presence(id), userId, CommandFlags.FireAndForget);
            _bus.Publish(ChangeChannel, new PresenceChange(id, userId, online), ClusterJsonContext.Default.PresenceChange);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _synced = false;
        }
    }

    /// <summary>Writes the set whole, expiring after <paramref name="expiry"/>; from then on changes go one by one.</summary>
    public void WriteAll(string nodeId, TimeSpan expiry)
    {
        _presence.WithHere(here =>
        {
            var transaction = _redis.GetDatabase().CreateTransaction();
            var key = _keys.Presence(nodeId);
            _ = transaction.KeyDeleteAsync(key);
            if (here.Count > 0)
            {
                _ = transaction.SetAddAsync(key, [.. here.Select(u => (RedisValue)u)]);
            }

            _ = transaction.KeyExpireAsync(key, expiry);
            transaction.Execute(CommandFlags.FireAndForget);
            Interlocked.Increment(ref _writes);
            _synced = true;
        });
    }

    /// <summary>Redis was not reached: the next heartbeat writes the set whole.</summary>
    public void Unsync() => _presence.WithHere(_ => _synced = false);
}
