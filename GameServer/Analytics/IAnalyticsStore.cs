using GameServer.Storage;

namespace GameServer.Analytics;

/// <summary>Where analytics keeps its raw events and per-day roll-ups, on either provider.</summary>
public interface IAnalyticsStore : IRecordSource
{
    /// <summary>Writes <paramref name="events"/> in one transaction; each gets the next id.</summary>
    void Append(IReadOnlyList<AnalyticsEvent> events);

    /// <summary>The latest <paramref name="limit"/> raw events, newest first, optionally of one type and one user.</summary>
    IReadOnlyList<AnalyticsEvent> Latest(string? type, int? user, int limit);

    /// <summary>The raw events at or after <paramref name="from"/> and before <paramref name="until"/> (UTC).</summary>
    IReadOnlyList<AnalyticsEvent> Between(DateTime from, DateTime until);

    /// <summary>The time of the oldest raw event; null when there is none.</summary>
    DateTime? OldestEventTime();

    /// <summary>The roll-ups of the days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    IReadOnlyList<AnalyticsDay> Days(DateOnly from, DateOnly to);

    /// <summary>
    /// Stores <paramref name="day"/> (replacing its earlier roll-up) and deletes the raw events at or after
    /// <paramref name="from"/> and before <paramref name="until"/>, in one transaction.
    /// </summary>
    void RollUp(AnalyticsDay day, DateTime from, DateTime until);
}
