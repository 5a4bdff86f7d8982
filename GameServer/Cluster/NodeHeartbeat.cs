using System.Text.Json;
using GameServer.Realtime;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// Every <c>Cluster:HeartbeatInterval</c>, once the server listens: writes this node's heartbeat (its
/// figures and roles) and renews its presence set, then reads the live nodes, sweeps the dead ones
/// (their users go offline) and reads again any node whose presence set it may have missed. Both keys
/// expire <c>LeaseTimeout - HeartbeatInterval</c> after the last beat, so a dead node's users are
/// offline within <c>LeaseTimeout</c> of it. While Redis is away the node goes on alone (degraded) and
/// catches up at the first beat that reaches it.
/// </summary>
internal sealed partial class NodeHeartbeat : BackgroundService
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ClusterKeys _keys;
    private readonly LocalNode _node;
    private readonly ClusterOptions _options;
    private readonly SessionRegistry _sessions;
    private readonly Presence _presence;
    private readonly RedisPresence _mirror;
    private readonly RedisBusTransport _transport;
    private readonly ClusterNodes _nodes;
    private readonly Microsoft.AspNetCore.Hosting.Server.IServer _server;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeHeartbeat> _logger;
    private readonly Dictionary<string, string> _epochsRead = new(StringComparer.Ordinal);
    private bool _degraded;

    public NodeHeartbeat(
        IConnectionMultiplexer redis, ClusterKeys keys, LocalNode node, IOptions<ClusterOptions> options, SessionRegistry sessions, Presence presence,
        RedisPresence mirror, RedisBusTransport transport, SessionBus sessionBus, ClusterNodes nodes, Microsoft.AspNetCore.Hosting.Server.IServer server, IHostApplicationLifetime lifetime,
        TimeProvider time, ILogger<NodeHeartbeat> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessionBus); // Taken so its bus handlers exist before the bus is subscribed.
        (_redis, _keys, _node, _options, _sessions, _presence, _mirror, _transport, _nodes, _server, _lifetime, _time, _logger) =
            (redis, keys, node, options.Value, sessions, presence, mirror, transport, nodes, server, lifetime, time, logger);

        // Changes made while the connection was down may not have arrived: the next beat writes the set whole.
        redis.ConnectionRestored += (_, _) => mirror.Unsync();
    }

    /// <summary>How long a heartbeat and a presence set live without renewal.</summary>
    internal TimeSpan Expiry => _options.LeaseTimeout - _options.HeartbeatInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The default id needs the port the server was given, known once it listens.
        var started = new TaskCompletionSource();
        using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        var id = _node.Resolve(_server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        LogJoining(id, _options.Name);
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        do
        {
            await BeatAsync(id).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_node.Id is not { } id || !_redis.IsConnected)
        {
            return;
        }

        // Leaving on purpose: the others need not wait for the heartbeat to expire.
        try
        {
            var db = _redis.GetDatabase();
            await Task.WhenAll(db.KeyDeleteAsync([_keys.Node(id), _keys.Presence(id)]), db.SetRemoveAsync(_keys.Nodes, id)).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            _transport.Publish(RedisPresence.LeftChannel, JsonSerializer.SerializeToUtf8Bytes(id, ClusterJsonContext.Default.String));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            LogLeaveFailed(e.Message);
        }
    }

    private async Task BeatAsync(string id)
    {
        var self = new NodeStatus(id, _sessions.Metrics.Connections, _sessions.Metrics.SessionsLoggedIn, _node.Roles, _time.GetUtcNow(), _mirror.Epoch);
        try
        {
            if (!await _transport.EnsureSubscribedAsync().ConfigureAwait(false))
            {
                Degrade(self, exception: null);
                return;
            }

            var db = _redis.GetDatabase();
            var rewritten = !_mirror.Synced;
            if (rewritten)
            {
                _mirror.WriteAll(id, Expiry);
                self = self with { PresenceEpoch = _mirror.Epoch };
            }

            var joined = db.SetAddAsync(_keys.Nodes, id);
            await Task.WhenAll(
                db.StringSetAsync(_keys.Node(id), JsonSerializer.Serialize(self, ClusterJsonContext.Default.NodeStatus), Expiry),
                joined,
                db.KeyExpireAsync(_keys.Presence(id), Expiry)).ConfigureAwait(false);
            if (await joined.ConfigureAwait(false) && !rewritten)
            {
                // Not in the set any more: a beat came too late and another node swept this one,
                // deleting its presence set. The next beat writes it again, under a new epoch.
                LogSwept(id);
                _mirror.Unsync();
            }

            var live = await ReadLiveAsync(db, id).ConfigureAwait(false);
            await ReadPresenceAsync(db, live).ConfigureAwait(false);
            _nodes.Set([self, .. live]);
            if (_degraded)
            {
                _degraded = false;
                LogReconnected(id);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Degrade(self, e);
        }
    }

    private void Degrade(NodeStatus self, Exception? exception)
    {
        _mirror.Unsync();
        _nodes.Set([self]);
        if (!_degraded)
        {
            _degraded = true;
            LogDegraded(exception, self.Id);
        }
    }

    // The other nodes whose heartbeat is alive; the dead are swept from the set and from presence.
    private async Task<List<NodeStatus>> ReadLiveAsync(IDatabase db, string id)
    {
        var ids = (await db.SetMembersAsync(_keys.Nodes).ConfigureAwait(false)).Select(v => (string)v!).Where(n => n != id).ToArray();
        var beats = ids.Length == 0 ? [] : await db.StringGetAsync([.. ids.Select(_keys.Node)]).ConfigureAwait(false);
        var live = new List<NodeStatus>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (beats[i].HasValue)
            {
                live.Add(JsonSerializer.Deserialize((string)beats[i]!, ClusterJsonContext.Default.NodeStatus)!);
            }
            else
            {
                LogNodeGone(ids[i]);
                await db.SetRemoveAsync(_keys.Nodes, ids[i]).ConfigureAwait(false);
                await db.KeyDeleteAsync(_keys.Presence(ids[i])).ConfigureAwait(false);
            }
        }

        foreach (var gone in _presence.KnownNodes.Where(n => live.All(l => l.Id != n)))
        {
            _presence.Drop(gone);
            _epochsRead.Remove(gone);
        }

        return live;
    }

    // Reads a node's presence set whole when it was rewritten, or when the count disagrees (a change missed).
    private async Task ReadPresenceAsync(IDatabase db, List<NodeStatus> live)
    {
        foreach (var other in live)
        {
            var key = _keys.Presence(other.Id);
            if (_epochsRead.GetValueOrDefault(other.Id) == other.PresenceEpoch
                && await db.SetLengthAsync(key).ConfigureAwait(false) == _presence.CountOn(other.Id))
            {
                continue;
            }

            var users = await db.SetMembersAsync(key).ConfigureAwait(false);
            _presence.Replace(other.Id, users.Select(u => (int)u).ToHashSet());
            _epochsRead[other.Id] = other.PresenceEpoch;
        }
    }

    [LoggerMessage(LogLevel.Information, "Node {NodeId} joining cluster {Cluster}")]
    private partial void LogJoining(string nodeId, string cluster);

    [LoggerMessage(LogLevel.Warning, "Node {NodeId} cannot reach Redis: degraded, serving its own sessions only")]
    private partial void LogDegraded(Exception? exception, string nodeId);

    [LoggerMessage(LogLevel.Information, "Node {NodeId} reaches Redis again: back in the cluster")]
    private partial void LogReconnected(string nodeId);

    [LoggerMessage(LogLevel.Information, "Node {NodeId} has no heartbeat: swept, its users offline unless on another node")]
    private partial void LogNodeGone(string nodeId);

    [LoggerMessage(LogLevel.Warning, "Node {NodeId} was taken for dead (a heartbeat came too late): writing its presence again")]
    private partial void LogSwept(string nodeId);

    [LoggerMessage(LogLevel.Warning, "Could not say this node is leaving: {Reason}")]
    private partial void LogLeaveFailed(string reason);
}
