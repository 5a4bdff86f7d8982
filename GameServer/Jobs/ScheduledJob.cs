using System.Reactive.Disposables;

namespace GameServer.Jobs;

/// <summary>A registered job with its settings, its latest status, its armed timer and its run in progress.</summary>
internal sealed class ScheduledJob(IJob job, JobOptions options)
{
    public IJob Job { get; } = job;

    /// <summary>The job's tag on its instruments.</summary>
    public KeyValuePair<string, object?> Tag { get; } = JobMetrics.JobTag(job.Name);

    public JobOptions Options { get; } = options;

    public JobStatus Status { get; set; } = new(job.Name, options.Enabled, options.Interval);

    /// <summary>The pending timer; replacing it disposes the old one, disposing it stops the schedule.</summary>
    public SerialDisposable Timer { get; } = new();

    /// <summary>When the job last fell due and went to sleep instead (<see cref="JobDemand"/>): its beat.</summary>
    public DateTimeOffset AsleepSince { get; set; }

    /// <summary>The current run, including the arming of the next; completed when idle.</summary>
    public Task Running { get; set; } = Task.CompletedTask;
}
