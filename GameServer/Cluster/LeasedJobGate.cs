using GameServer.Cluster.Leases;
using GameServer.Jobs;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// In cluster mode, a job that runs once per cluster runs on the node holding its lease
/// <c>job:{name}</c>, one lease per job so that the jobs spread over the nodes and a slow one holds up
/// no other. The holder records when each run starts, in <c>{Cluster:Name}:job:{name}:last-run</c>, in
/// one script with checking that its lease is still current (a fenced write): a node that takes the
/// lease over, at its own timer's phase, waits until an interval has passed since the last run anywhere.
/// A job on an authority's memory (<see cref="IJob.AuthorityLease"/>: the world's ticks and saves) runs
/// on the node holding that lease. Jobs of every node's own memory run everywhere, as in one process.
/// </summary>
public sealed class LeasedJobGate(RedisLeases leases, IConnectionMultiplexer redis, IOptions<ClusterOptions> options, TimeProvider time) : IJobRunGate
{
    // Fenced and compared in one step: a holder that has lost the lease writes nothing.
    private const string RecordStart = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        local last = tonumber(redis.call('GET', KEYS[2]))
        if last and tonumber(ARGV[2]) - last < tonumber(ARGV[3]) then return 0 end
        redis.call('SET', KEYS[2], ARGV[2])
        return 1
        """;

    private readonly string _gameName = options.Value.Name;

    /// <summary>The lease a once-per-cluster job runs under.</summary>
    public static string LeaseOf(IJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return $"job:{job.Name}";
    }

    public void Prepare(IJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.OncePerCluster)
        {
            leases.Get(LeaseOf(job));
        }
        else if (job.AuthorityLease is { } authority)
        {
            leases.Get(authority);
        }
    }

    public async ValueTask<bool> MayRunAsync(IJob job, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.AuthorityLease is { } authority && !job.OncePerCluster)
        {
            return leases.Get(authority).IsHeld;
        }

        if (!job.OncePerCluster)
        {
            return true;
        }

        var name = LeaseOf(job);
        if (leases.Get(name).Token is not { } token)
        {
            return false;
        }

        // Within a twentieth of the interval counts as due: the previous holder's timer may have run a little late.
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var gap = (long)(interval.TotalMilliseconds * 19 / 20);
        var recorded = await redis.GetDatabase().ScriptEvaluateAsync(
            RecordStart,
            [RedisLeaseStore.KeyOf(_gameName, name), $"{_gameName}:job:{job.Name}:last-run"],
            [RedisLeaseStore.ValueOf(leases.Holder, token), now, gap]).WaitAsync(cancellationToken);
        return (long)recorded == 1;
    }
}
