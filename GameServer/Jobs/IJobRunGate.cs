namespace GameServer.Jobs;

/// <summary>
/// Decides, as each run of a job falls due, whether this node runs it. In one process every run runs
/// (<see cref="EveryRunGate"/>); in cluster mode a job that runs once per cluster runs only on the node
/// holding its lease (GameServer.Cluster's <c>LeasedJobGate</c>).
/// </summary>
public interface IJobRunGate
{
    /// <summary>Called once per enabled job as the schedule starts, before any run falls due (to start competing for its lease).</summary>
    void Prepare(IJob job)
    {
    }

    /// <summary>True to run now; false to skip this run (another node does it) and wait for the next.</summary>
    ValueTask<bool> MayRunAsync(IJob job, TimeSpan interval, CancellationToken cancellationToken);
}

/// <summary>Runs every run: one process is the whole game.</summary>
public sealed class EveryRunGate : IJobRunGate
{
    public ValueTask<bool> MayRunAsync(IJob job, TimeSpan interval, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
