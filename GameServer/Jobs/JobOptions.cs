namespace GameServer.Jobs;

/// <summary>One job's settings, read from the job's own section: <c>Enabled</c> and its interval key.</summary>
public sealed record JobOptions(bool Enabled, TimeSpan Interval)
{
    /// <summary>
    /// Reads <paramref name="job"/>'s section by hand rather than with the options binder, because the
    /// interval's key differs from job to job (<c>Interval</c>, <c>TickInterval</c>).
    /// </summary>
    public static JobOptions Read(IConfiguration configuration, IJob job)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(job);
        var section = configuration.GetSection(job.Section);
        var interval = section.GetValue<TimeSpan?>(job.IntervalKey) ?? job.DefaultInterval;
        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{job.Section}:{job.IntervalKey} must be positive, not {interval}");
        }

        return new JobOptions(section.GetValue(job.EnabledKey, defaultValue: true), interval);
    }
}
