using GameServer.Configuration;

namespace GameServer.Jobs;

/// <summary>Settings shared by all jobs, bound to the <c>Jobs</c> section.</summary>
public sealed class JobSchedulerOptions
{
    public const string Section = "Jobs";

    /// <summary>How long stopping the server waits for a running job before cancelling its token.</summary>
    [PositiveDuration]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
