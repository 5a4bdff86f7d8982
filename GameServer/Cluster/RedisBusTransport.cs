using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// The bus over Redis pub/sub: one channel per bus channel under <c>Cluster:Name</c>, each message
/// prefixed with the publishing process's <see cref="LocalNode.InstanceId"/> so it can skip its own.
/// Publishing never waits and, while Redis is away, drops the message (the node is degraded: its own
/// sessions were served by the bus's local delivery). Subscribing is retried by the heartbeat until it holds;
/// StackExchange.Redis renews a held subscription itself after a reconnect.
/// </summary>
public sealed partial class RedisBusTransport(
    IConnectionMultiplexer redis,
    ClusterKeys keys,
    LocalNode node,
    IServiceProvider services,
    ILogger<RedisBusTransport> logger) : IBusTransport, IDisposable
{
    private const int OriginLength = 16;
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private ChannelMessageQueue? _queue;
    private long _dropped;

    /// <summary>Messages not sent because Redis did not take them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(string channel, ReadOnlyMemory<byte> payload)
    {
        var envelope = new byte[OriginLength + payload.Length];
        node.InstanceId.TryWriteBytes(envelope);
        payload.Span.CopyTo(envelope.AsSpan(OriginLength));
        try
        {
            redis.GetSubscriber().Publish(keys.Bus(channel), envelope, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _dropped);
            LogDropped(channel, e.Message);
        }
    }

    /// <summary>
    /// Subscribes to every bus channel of the game unless already subscribed; false while Redis is away.
    /// Awaited, never waited on: StackExchange.Redis reads its replies on the thread pool.
    /// </summary>
    public async Task<bool> EnsureSubscribedAsync()
    {
        await _subscribing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_queue is not null)
            {
                return true;
            }

            var bus = services.GetRequiredService<ClusterBus>();
            var queue = await RedisSubscriptions.SubscribeAsync(redis, keys.AllBus).ConfigureAwait(false);
            // One queue processed in order: a node's messages arrive in the order it published them.
            queue.OnMessage(message => OnMessage(bus, message));
            _queue = queue;
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSubscribeFailed(e.Message);
            return false;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    public void Dispose()
    {
        try
        {
            _queue?.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // Stopping while Redis is away: the subscription ends with the connection anyway.
        }
    }

    private void OnMessage(ClusterBus bus, ChannelMessage message)
    {
        ReadOnlyMemory<byte> bytes = (byte[]?)message.Message ?? [];
        if (bytes.Length < OriginLength || new Guid(bytes.Span[..OriginLength]) == node.InstanceId)
        {
            return;
        }

        var channel = ((string?)message.Channel ?? string.Empty)[keys.BusPrefix.Length..];
        bus.Receive(channel, bytes[OriginLength..]);
    }

    [LoggerMessage(LogLevel.Debug, "Bus message on {Channel} not sent to the other nodes: {Reason}")]
    private partial void LogDropped(string channel, string reason);

    [LoggerMessage(LogLevel.Warning, "Could not subscribe to the cluster bus yet: {Reason}")]
    private partial void LogSubscribeFailed(string reason);
}
