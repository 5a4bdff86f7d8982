using System.Diagnostics.Metrics;

namespace GameServer.Jobs;

/// <summary>
/// The jobs' instruments, meter <c>GameServer.Jobs</c>: each run's duration on the scheduler's clock,
/// and failures read from the same statuses <c>system.info</c> shows, so both tell one count.
/// </summary>
public sealed class JobMetrics
{
    public const string MeterName = "GameServer.Jobs";

    // From a patch job's tens of microseconds to a persist job's seconds.
    private static readonly double[] DurationBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly Histogram<double> _runDuration;

    public JobMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _runDuration = _meter.CreateHistogram("gameserver.jobs.run.duration", "s", "Time one run of a job took, failed or not, by job.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>The tag naming a job, built once per job.</summary>
    public static KeyValuePair<string, object?> JobTag(string name) => new("job", name);

    /// <summary>Reports the failures of every job from <paramref name="statuses"/> when collected.</summary>
    internal void ObserveFailures(Func<IReadOnlyList<JobStatus>> statuses) =>
        _meter.CreateObservableCounter("gameserver.jobs.failures", () => statuses().Select(s => new Measurement<long>(s.Failures, JobTag(s.Name))),
            "{failure}", "Runs of a job that failed or were cancelled by a stop, by job.");

    internal void Ran(KeyValuePair<string, object?> job, TimeSpan duration) => _runDuration.Record(duration.TotalSeconds, job);
}
