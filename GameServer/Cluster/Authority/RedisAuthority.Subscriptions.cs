using System.Collections.Concurrent;
using StackExchange.Redis;

namespace GameServer.Cluster.Authority;

/// <summary>
/// The authority's channels: its replies, the owner's arrival, every change stream, and the requests while
/// it is the owner. Subscribing never waits on Redis on the caller's thread: StackExchange.Redis reads its
/// replies on the thread pool, so pool threads blocked on a reply starve the very reader that would free
/// them, and a node whose timer kept blocking them never became healthy. One pass at a time subscribes
/// whatever is missing; the recheck timer starts one when none is running, and a forwarded request awaits one.
/// </summary>
public sealed partial class RedisAuthority
{
    private readonly ConcurrentDictionary<string, ChannelMessageQueue> _subscribed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private bool _disposed;

    /// <summary>Starts a pass unless one is running; what it misses, the timer's next pass subscribes.</summary>
    private void SubscribeInBackground()
    {
        if (_subscribing.Wait(0))
        {
            _ = SubscribeMissingThenReleaseAsync();
        }
    }

    /// <summary>Waits for a whole pass of its own, so that everything asked for before the call is subscribed (if Redis answers).</summary>
    private async Task SubscribeMissingAsync(CancellationToken cancellationToken)
    {
        await _subscribing.WaitAsync(cancellationToken).ConfigureAwait(false);
        await SubscribeMissingThenReleaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SubscribeMissingThenReleaseAsync()
    {
        try
        {
            await SubscribeAsync(_replies, OnReply).ConfigureAwait(false);
            await SubscribeAsync(OwnerChannel, _ => OwnerArrived()).ConfigureAwait(false);
            foreach (var (stream, apply) in _streams)
            {
                await SubscribeAsync($"{_prefix}:changes:{stream}", message => OnChange(stream, message, apply)).ConfigureAwait(false);
            }

            if (Volatile.Read(ref _here) && IsHere && !_subscribed.ContainsKey(RequestsChannel))
            {
                await SubscribeAsync(RequestsChannel, OnRequest).ConfigureAwait(false);
                _redis.GetSubscriber().Publish(RedisChannel.Literal(OwnerChannel), "here", CommandFlags.FireAndForget);
            }

            // The lease was lost while the requests' subscription was on its way: a subscriber that no longer
            // answers would count as a receiver, and a forwarded request would wait for nothing.
            if (!Volatile.Read(ref _here))
            {
                StopAnswering();
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogSubscribeFailed(Name, e.Message);
        }
        finally
        {
            _subscribing.Release();
        }
    }

    // One queue per channel, processed in order: an owner's changes apply in the order it published them.
    private async Task SubscribeAsync(string channel, Action<ChannelMessage> handle)
    {
        if (_subscribed.ContainsKey(channel) || Volatile.Read(ref _disposed))
        {
            return;
        }

        var queue = await RedisSubscriptions.SubscribeAsync(_redis, RedisChannel.Literal(channel)).ConfigureAwait(false);
        queue.OnMessage(handle);
        _subscribed[channel] = queue;
        if (Volatile.Read(ref _disposed))
        {
            UnsubscribeAll();
        }
    }

    private void StopAnswering()
    {
        if (_subscribed.TryRemove(RequestsChannel, out var queue))
        {
            Unsubscribe(queue);
        }
    }

    private void UnsubscribeAll()
    {
        foreach (var channel in _subscribed.Keys)
        {
            if (_subscribed.TryRemove(channel, out var queue))
            {
                Unsubscribe(queue);
            }
        }
    }

    private static void Unsubscribe(ChannelMessageQueue queue)
    {
        try
        {
            queue.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // Redis away: the subscription ends with the connection, and OnRequest checks the lease anyway.
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not subscribe to the channels of {Authority} yet: {Reason}")]
    private partial void LogSubscribeFailed(string authority, string reason);
}
