namespace GameServer.Jobs;

/// <summary>What one job did last and when it runs next; a snapshot, replaced whole after every change.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="Enabled">False when switched off in configuration.</param>
/// <param name="Interval">The time from the end of one run to the start of the next.</param>
public sealed record JobStatus(string Name, bool Enabled, TimeSpan Interval)
{
    /// <summary>When the last run started, on the scheduler's clock.</summary>
    public DateTimeOffset? LastRun { get; init; }

    /// <summary>How long the last finished run took, on the scheduler's clock.</summary>
    public TimeSpan? LastDuration { get; init; }

    /// <summary>Null when the last finished run succeeded; otherwise what to look for in the log.</summary>
    public string? LastError { get; init; }

    /// <summary>When the next run starts; null while a run is in progress, while the job sleeps with nothing to do (<see cref="JobDemand"/>), after stop, or when disabled.</summary>
    public DateTimeOffset? NextDue { get; init; }

    public long Runs { get; init; }

    public long Failures { get; init; }
}
