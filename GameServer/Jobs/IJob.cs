namespace GameServer.Jobs;

/// <summary>Periodic background work: one class per job, registered once with <see cref="JobsFeature.AddJob{TJob}"/>.</summary>
public interface IJob
{
    /// <summary>The name in <c>system.info</c> and the log, e.g. <c>gifts</c>.</summary>
    string Name { get; }

    /// <summary>The configuration section holding <c>Enabled</c> and the interval, e.g. <c>Gifts</c>.</summary>
    string Section { get; }

    /// <summary>The interval's key within <see cref="Section"/>; an issue may name its own, such as <c>TickInterval</c>.</summary>
    string IntervalKey => "Interval";

    /// <summary>The switch's key within <see cref="Section"/>, for sections that hold several jobs.</summary>
    string EnabledKey => "Enabled";

    /// <summary>
    /// True for work the whole game needs done once per interval (gifts, clean-ups): in cluster mode one
    /// node runs it, the holder of the lease <c>job:{Name}</c>. False (the default) for work on this
    /// node's own memory (a write buffer, the patches to its own subscribers), which every node does.
    /// </summary>
    bool OncePerCluster => false;

    /// <summary>
    /// The lease of the authority whose memory the job works on (the world's: <c>world:default</c>), or
    /// null. In cluster mode such a job runs only on the node holding that lease, the authority, at its
    /// own pace (no record of the last run: the work is that node's memory); in one process always.
    /// </summary>
    string? AuthorityLease => null;

    /// <summary>
    /// Null (the default) for a job that runs every interval. A job whose work comes from events (changes
    /// to patch) names the <see cref="JobDemand"/> they signal: a run that falls due with no signal since
    /// the last one began is skipped, and the job's timer sleeps until the next signal.
    /// </summary>
    JobDemand? Demand => null;

    /// <summary>The time between runs when configuration does not set one.</summary>
    TimeSpan DefaultInterval { get; }

    /// <summary>
    /// One run. It may block (synchronous LiteDB work is fine: it runs on the thread pool); the token is
    /// cancelled only when the server stops and gives up waiting for it.
    /// </summary>
    ValueTask RunAsync(CancellationToken cancellationToken);
}
