using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// Subscribing that leaves nothing behind when Redis does not answer. StackExchange.Redis registers a
/// queue before it asks Redis and keeps it when the asking fails (a timeout), renewing it on the next
/// reconnect: every retry while Redis stalled would leave one more queue that Redis then fills and no one
/// reads. Each of this node's channels has one subscriber here, so a failed channel is cleared whole.
/// </summary>
internal static class RedisSubscriptions
{
    public static async Task<ChannelMessageQueue> SubscribeAsync(IConnectionMultiplexer redis, RedisChannel channel)
    {
        var subscriber = redis.GetSubscriber();
        try
        {
            return await subscriber.SubscribeAsync(channel).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                subscriber.Unsubscribe(channel, handler: null, CommandFlags.FireAndForget);
            }
            catch (Exception e) when (e is RedisException or ObjectDisposedException)
            {
                // Redis away: the registration is gone locally all the same.
            }

            throw;
        }
    }
}
