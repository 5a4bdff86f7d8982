using System.Globalization;
using StackExchange.Redis;

namespace GameServer.Cluster.Leases;

/// <summary>
/// Leases in Redis. A lease is the key <c>{Cluster:Name}:lease:{name}</c> holding <c>{holder} {token}</c>
/// with an expiry; its fencing tokens come from the counter <c>{Cluster:Name}:lease:{name}:fence</c>,
/// which only ever grows. Every operation is one Lua script, so checking the holder and changing the
/// key cannot be split by another node's command.
/// </summary>
public sealed class RedisLeaseStore(IConnectionMultiplexer redis, string gameName) : ILeaseStore
{
    // SET NX would not do: the token must come from the counter in the same step as taking the key.
    private const string Acquire = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return false end
        local token = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. token, 'PX', ARGV[2])
        return token
        """;

    // Compare and extend: a holder whose key expired, or was taken since, cannot bring it back.
    private const string Renew = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private const string Release = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        return redis.call('DEL', KEYS[1])
        """;

    /// <summary>The key of lease <paramref name="lease"/> in the game <paramref name="gameName"/>.</summary>
    public static RedisKey KeyOf(string gameName, string lease) => $"{gameName}:lease:{lease}";

    /// <summary>What the lease's key holds while <paramref name="holder"/> has it with <paramref name="token"/>: for fenced scripts.</summary>
    public static RedisValue ValueOf(string holder, long token) => $"{holder} {token.ToString(CultureInfo.InvariantCulture)}";

    public async Task<long?> TryAcquireAsync(string lease, string holder, TimeSpan timeout)
    {
        var key = KeyOf(gameName, lease);
        var result = await Database.ScriptEvaluateAsync(Acquire, [key, $"{key}:fence"], [holder, Milliseconds(timeout)]);
        return result.IsNull ? null : (long)result;
    }

    public async Task<bool> RenewAsync(string lease, string holder, long token, TimeSpan timeout) =>
        (long)await Database.ScriptEvaluateAsync(Renew, [KeyOf(gameName, lease)], [ValueOf(holder, token), Milliseconds(timeout)]) == 1;

    public Task ReleaseAsync(string lease, string holder, long token) =>
        Database.ScriptEvaluateAsync(Release, [KeyOf(gameName, lease)], [ValueOf(holder, token)]);

    public async Task<bool> IsHeldAsync(string lease, string holder, long token) =>
        await Database.StringGetAsync(KeyOf(gameName, lease)) == ValueOf(holder, token);

    private IDatabase Database => redis.GetDatabase();

    private static long Milliseconds(TimeSpan timeout) => (long)Math.Ceiling(timeout.TotalMilliseconds);
}
