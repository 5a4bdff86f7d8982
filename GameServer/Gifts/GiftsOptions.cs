using GameServer.Configuration;

namespace GameServer.Gifts;

/// <summary>The gift job's settings, bound to the <c>Gifts</c> section and checked at start-up.</summary>
public sealed class GiftsOptions
{
    public const string Section = "Gifts";

    /// <summary>Whether the gift job runs (read by the job scheduler).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The time between gift runs (read by the job scheduler).</summary>
    [PositiveDuration]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Only users seen (logged in, resumed, signed out or online) within this get gifts, so accounts
    /// made and abandoned stop growing the database. Empty: every user, as the original did.
    /// </summary>
    [PositiveDuration]
    public TimeSpan? ActiveWithin { get; set; } = TimeSpan.FromDays(1);
}
