using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GameServer.Cluster.Leases;
using StackExchange.Redis;

namespace GameServer.Cluster.Authority;

/// <summary>
/// An authority in cluster mode: the node holding the lease of its name (<c>world:default</c>) is it.
/// That node answers the operations the others forward over Redis pub/sub (this file's other part,
/// <c>RedisAuthority.Requests.cs</c>), publishes its changes once per stream on
/// <c>{game}:authority:{name}:changes:{stream}</c>, each message carrying its fencing token, and
/// writes under the fence (<see cref="PostgresFence"/>). Every node hears every stream and applies
/// what comes from the authority, dropping what an older owner sent after a newer one had spoken.
/// </summary>
public sealed partial class RedisAuthority : IAuthority, IDisposable
{
    private readonly ILease _lease;
    private readonly IConnectionMultiplexer _redis;
    private readonly LocalNode _node;
    private readonly PostgresFence _fence;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly AuthorityOperations _operations = new();
    private readonly Lock _following = new();
    private readonly List<Action<bool>> _followers = [];
    private readonly List<Action> _linkRestored = [];
    private readonly ConcurrentDictionary<string, Action<ReadOnlyMemory<byte>>> _streams = new(StringComparer.Ordinal);
    private readonly ITimer _recheck;
    private bool _started;
    private bool _here;
    private int _rechecking;
    private long _latestToken;

    internal RedisAuthority(ILease lease, IConnectionMultiplexer redis, LocalNode node, PostgresFence fence, ClusterOptions options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<RedisAuthority> logger)
    {
        _lease = lease;
        _redis = redis;
        _fence = fence;
        _logger = logger;
        _forwardTimeout = options.ForwardTimeout;
        _time = time;
        _prefix = $"{options.Name}:authority:{lease.Name}";
        _node = node;
        _replies = $"{_prefix}:replies:{node.InstanceId:N}";
        SubscribeInBackground();

        // Subscriptions refused while Redis was away are made again; SE.Redis renews those it holds itself.
        // A takeover refused because the fence could not be raised (PostgreSQL away) is tried again too.
        _recheck = time.CreateTimer(_ => Recheck(), null, options.HeartbeatInterval, options.HeartbeatInterval);
        lease.Changed += _ => LeaseChanged();
        redis.ConnectionRestored += OnConnectionRestored;

        // Not the authority before every feature has started: its world loaded, its operations registered.
        lifetime.ApplicationStarted.Register(() =>
        {
            lock (_following)
            {
                _started = true;
            }

            LeaseChanged();
        });
    }

    public string Name => _lease.Name;

    public bool IsHere => Volatile.Read(ref _here) && _lease.IsHeld;

    public void Follow(Action<bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_following)
        {
            _followers.Add(handler);
            if (_here)
            {
                handler(true);
            }
        }
    }

    public void Publish<T>(string stream, T changes, JsonTypeInfo<T> type)
    {
        if (_lease.Token is not { } token)
        {
            return;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(changes, type);
        var message = new byte[sizeof(long) + json.Length];
        BinaryPrimitives.WriteInt64LittleEndian(message, token);
        json.CopyTo(message.AsSpan(sizeof(long)));
        try
        {
            _redis.GetSubscriber().Publish(StreamChannel(stream), message, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogPublishFailed(Name, stream, e.Message);
        }
    }

    public void OnChanges<T>(string stream, JsonTypeInfo<T> type, Action<T> apply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(apply);
        if (!_streams.TryAdd(stream, json => apply(JsonSerializer.Deserialize(json.Span, type)!)))
        {
            throw new InvalidOperationException($"the stream '{stream}' of {Name} already has a handler");
        }

        SubscribeInBackground();
    }

    public void WriteFenced(Action write)
    {
        var token = _lease.Token ?? throw new AuthorityLostException(Name, "this node does not hold its lease");
        _fence.Write(Name, token, write);
    }

    public void OnLinkRestored(Action handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_linkRestored)
        {
            _linkRestored.Add(handler);
        }
    }

    public void Dispose()
    {
        _redis.ConnectionRestored -= OnConnectionRestored;
        _recheck.Dispose();
        Volatile.Write(ref _disposed, true);
        UnsubscribeAll();
    }

    // Pub/sub messages are not queued for a subscriber that is away: the subscription connection's
    // return is when this node may have missed changes (and the owner's own publishes may have failed).
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        Action[] handlers;
        lock (_linkRestored)
        {
            handlers = [.. _linkRestored];
        }

        foreach (var handler in handlers)
        {
            ThreadPool.QueueUserWorkItem(static run => run(), handler, preferLocal: false);
        }
    }

    private RedisChannel StreamChannel(string stream) => RedisChannel.Literal($"{_prefix}:changes:{stream}");

    // One follower call at a time, in the order the lease changed. Becoming the authority: the followers
    // load first, then this node acts as it and answers; stopping: it stops answering, then tells them.
    private void LeaseChanged()
    {
        lock (_following)
        {
            var here = _started && _lease.IsHeld;
            if (here == _here || (here && !RaiseFence()))
            {
                return;
            }

            if (!here)
            {
                Volatile.Write(ref _here, false);
                StopAnswering();
                _node.RemoveRole(Name);
            }

            foreach (var follower in _followers)
            {
                try
                {
                    follower(here);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogFollowerFailed(e, Name);
                }
            }

            if (here)
            {
                Volatile.Write(ref _here, true);
                SubscribeInBackground();

                // The heartbeat lists it: system.info and the dashboard show which node owns the world.
                _node.AddRole(Name);
            }
        }
    }

    // One at a time: a slow fence or follower (a world loading) delays the next check instead of stacking them on the pool.
    private void Recheck()
    {
        if (Interlocked.Exchange(ref _rechecking, 1) == 1)
        {
            return;
        }

        try
        {
            SubscribeInBackground();
            LeaseChanged();
        }
        finally
        {
            Volatile.Write(ref _rechecking, 0);
        }
    }

    /// <summary>
    /// Raises the fence to this node's token before it loads anything: from then on a late write of the
    /// previous owner is refused, so what this node reads from the store is final.
    /// </summary>
    private bool RaiseFence()
    {
        try
        {
            WriteFenced(() => { });
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFenceFailed(e, Name);
            return false;
        }
    }

    private void OnChange(string stream, ChannelMessage message, Action<ReadOnlyMemory<byte>> apply)
    {
        ReadOnlyMemory<byte> bytes = (byte[]?)message.Message ?? [];
        if (bytes.Length < sizeof(long) || IsHere)
        {
            return;
        }

        // An older owner's last words, arriving after a newer owner has spoken, would undo its changes.
        var token = BinaryPrimitives.ReadInt64LittleEndian(bytes.Span);
        if (token < Interlocked.Read(ref _latestToken))
        {
            return;
        }

        Interlocked.Exchange(ref _latestToken, token);
        try
        {
            apply(bytes[sizeof(long)..]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogApplyFailed(e, Name, stream);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Changes of {Authority} on {Stream} not published: {Reason}")]
    private partial void LogPublishFailed(string authority, string stream, string reason);

    [LoggerMessage(LogLevel.Warning, "Holding the lease of {Authority}, but its fence could not be raised: not acting as its owner yet")]
    private partial void LogFenceFailed(Exception exception, string authority);

    [LoggerMessage(LogLevel.Error, "A follower of {Authority} failed on a change of owner")]
    private partial void LogFollowerFailed(Exception exception, string authority);

    [LoggerMessage(LogLevel.Error, "Changes of {Authority} on {Stream} could not be applied")]
    private partial void LogApplyFailed(Exception exception, string authority, string stream);
}
