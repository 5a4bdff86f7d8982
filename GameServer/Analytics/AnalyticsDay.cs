namespace GameServer.Analytics;

/// <summary>
/// One UTC day's figures: what <c>analytics.summary</c> shows for the day. Computed from the raw events
/// while they are kept, and stored as the day's roll-up when they are deleted, so the summary reads the
/// same before and after.
/// </summary>
public sealed class AnalyticsDay
{
    /// <summary>The day, <c>YYYY-MM-DD</c>: sorts as the days do.</summary>
    public string Id { get; set; } = "";

    /// <summary>Distinct users with any event that day.</summary>
    public int ActiveUsers { get; set; }

    /// <summary><c>registered</c> events that day.</summary>
    public int NewUsers { get; set; }

    /// <summary><c>logged_in</c> events that day.</summary>
    public int Sessions { get; set; }

    /// <summary>The median length of the sessions that ended that day, in seconds; 0 when none did.</summary>
    public double SessionSecondsMedian { get; set; }

    /// <summary>The 90th percentile of those lengths, in seconds; 0 when none did.</summary>
    public double SessionSecondsP90 { get; set; }

    /// <summary>Events per type; types without events are left out.</summary>
    public Dictionary<string, int> Events { get; set; } = [];

    /// <summary>Events per hour of day (UTC), 24 entries.</summary>
    public int[] Hours { get; set; } = new int[24];

    /// <summary>The day as a date.</summary>
    public DateOnly Date => DateOnly.ParseExact(Id, DateFormat);

    internal const string DateFormat = "yyyy-MM-dd";

    /// <summary>The key of <paramref name="date"/>.</summary>
    public static string KeyOf(DateOnly date) => date.ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture);
}
