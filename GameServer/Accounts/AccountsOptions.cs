using GameServer.Configuration;

namespace GameServer.Accounts;

/// <summary>Account and session settings, bound to the <c>Accounts</c> section and checked at start-up.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>How long a session token stays valid after it is issued; sessions using it are signed out then.</summary>
    [PositiveDuration]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether the job deleting expired tokens runs (read by the job scheduler).</summary>
    public bool CleanupEnabled { get; set; } = true;

    /// <summary>The time between runs of the job deleting expired tokens (read by the job scheduler).</summary>
    [PositiveDuration]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
