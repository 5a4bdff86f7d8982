using System.Threading.RateLimiting;
using GameServer.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameServer.Limits;

/// <summary>
/// Token buckets in Redis, one hash per key (<c>{Cluster:Name}:limit:{name}:{key}</c>: tokens left and
/// when), refilled and taken in one Lua script, so an attack spread over the nodes is counted once. The
/// time is the node's clock (<see cref="TimeProvider"/>), as for the buckets of one process; a node whose
/// clock is behind refills nothing rather than going back. A bucket that would be full again expires.
/// While Redis cannot be reached the node counts in buckets of its own, as one process does: logins go
/// on in degraded mode, each node limiting on its own, instead of failing or waiting for a timeout.
/// </summary>
public sealed class RedisTokenBuckets(IConnectionMultiplexer redis, string prefix, int capacity, TimeSpan period, TimeProvider time) : SharedTokenBuckets
{
    // ARGV: capacity, period in ms, now in ms, 1 to take a token or 0 to ask. Answers {taken or left, ms until one is back}.
    private const string Bucket = """
        local capacity = tonumber(ARGV[1])
        local period = tonumber(ARGV[2])
        local now = tonumber(ARGV[3])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or capacity
        local at = tonumber(state[2]) or now
        if now > at then
          tokens = math.min(capacity, tokens + (now - at) * capacity / period)
          at = now
        end
        if tokens < 1 then
          return {0, math.ceil((1 - tokens) * period / capacity)}
        end
        if ARGV[4] == '1' then
          redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(at))
          redis.call('PEXPIRE', KEYS[1], period)
        end
        return {1, 0}
        """;

    private readonly long _periodMs = (long)Math.Ceiling(period.TotalMilliseconds);
    private readonly TokenBuckets<string> _whileUnreachable = new(capacity, period, time);

    public override async ValueTask ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        _whileUnreachable.Reset(key);
        if (redis.IsConnected)
        {
            try
            {
                await redis.GetDatabase().KeyDeleteAsync(KeyOf(key)).WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Its count expires within the period.
            }
        }
    }

    protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
    {
        try
        {
            return redis.IsConnected
                ? Answer((RedisResult[])redis.GetDatabase().ScriptEvaluate(Bucket, [KeyOf(resource)], Arguments(permitCount))!)
                : Locally(resource, permitCount);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return Locally(resource, permitCount);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            return redis.IsConnected
                ? Answer((RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Bucket, [KeyOf(resource)], Arguments(permitCount)).WaitAsync(cancellationToken))!)
                : Locally(resource, permitCount);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return Locally(resource, permitCount);
        }
    }

    private BucketLease Locally(string resource, int permitCount)
    {
        var refused = permitCount == 0 ? _whileUnreachable.IsEmpty(resource, out var retryAfter) : !_whileUnreachable.TryTake(resource, out retryAfter);
        return refused ? new BucketLease(false, retryAfter) : BucketLease.Granted;
    }

    private RedisKey KeyOf(string key) => $"{prefix}:{key}";

    private RedisValue[] Arguments(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        return [capacity, _periodMs, time.GetUtcNow().ToUnixTimeMilliseconds(), permitCount];
    }

    private static BucketLease Answer(RedisResult[] answer) =>
        (long)answer[0] == 1 ? BucketLease.Granted : new BucketLease(false, TimeSpan.FromMilliseconds((long)answer[1]));
}

/// <summary>Cluster mode: every limit's buckets in the game's Redis.</summary>
public sealed class RedisTokenBucketsFactory(IConnectionMultiplexer redis, IOptions<ClusterOptions> options, TimeProvider time) : ISharedTokenBucketsFactory
{
    public SharedTokenBuckets Create(string name, int capacity, TimeSpan period) =>
        new RedisTokenBuckets(redis, $"{options.Value.Name}:limit:{name}", capacity, period, time);
}
