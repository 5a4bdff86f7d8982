using GameServer.Protocol.Analytics;

namespace GameServer.Analytics;

/// <summary>Computes a day's figures from its raw events: one function for the summary and the roll-up alike.</summary>
public static class DayFigures
{
    /// <summary>The figures of <paramref name="date"/> from its events (events of other days are the caller's mistake and are ignored).</summary>
    public static AnalyticsDay Of(DateOnly date, IEnumerable<AnalyticsEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var day = new AnalyticsDay { Id = AnalyticsDay.KeyOf(date) };
        var users = new HashSet<int>();
        var lengths = new List<double>();
        foreach (var e in events)
        {
            var at = e.At.Kind == DateTimeKind.Local ? e.At.ToUniversalTime() : e.At;
            if (DateOnly.FromDateTime(at) != date)
            {
                continue;
            }

            users.Add(e.User);
            day.Events[e.Type] = day.Events.GetValueOrDefault(e.Type) + 1;
            day.Hours[at.Hour]++;
            switch (e.Type)
            {
                case AnalyticsEventTypes.Registered:
                    day.NewUsers++;
                    break;
                case AnalyticsEventTypes.LoggedIn:
                    day.Sessions++;
                    break;
                case AnalyticsEventTypes.LoggedOut when e.SessionSeconds is { } seconds:
                    lengths.Add(seconds);
                    break;
            }
        }

        day.ActiveUsers = users.Count;
        lengths.Sort();
        day.SessionSecondsMedian = Percentile(lengths, 0.5);
        day.SessionSecondsP90 = Percentile(lengths, 0.9);
        return day;
    }

    /// <summary>
    /// A day's roll-up joined with raw events of the same day written after it was made (only a clock
    /// stepping back or a write delayed by a whole retention period does that). Counts add up; distinct
    /// users and the session percentiles cannot be recomputed without the deleted events, so the larger
    /// count and the earlier percentiles stand.
    /// </summary>
    public static AnalyticsDay Merge(AnalyticsDay rolledUp, AnalyticsDay late)
    {
        ArgumentNullException.ThrowIfNull(rolledUp);
        ArgumentNullException.ThrowIfNull(late);
        var merged = new AnalyticsDay
        {
            Id = rolledUp.Id,
            ActiveUsers = Math.Max(rolledUp.ActiveUsers, late.ActiveUsers),
            NewUsers = rolledUp.NewUsers + late.NewUsers,
            Sessions = rolledUp.Sessions + late.Sessions,
            SessionSecondsMedian = rolledUp.SessionSecondsMedian != 0 ? rolledUp.SessionSecondsMedian : late.SessionSecondsMedian,
            SessionSecondsP90 = rolledUp.SessionSecondsP90 != 0 ? rolledUp.SessionSecondsP90 : late.SessionSecondsP90,
            Events = new Dictionary<string, int>(rolledUp.Events),
            Hours = [.. rolledUp.Hours.Zip(late.Hours, (a, b) => a + b)],
        };
        foreach (var (type, count) in late.Events)
        {
            merged.Events[type] = merged.Events.GetValueOrDefault(type) + count;
        }

        return merged;
    }

    /// <summary>
    /// The <paramref name="p"/> quantile of sorted values, linear between the closest ranks (numpy's and
    /// Excel's PERCENTILE.INC), to the millisecond; 0 for no values.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = p * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return Math.Round(sorted[below] + ((sorted[above] - sorted[below]) * (rank - below)), 3);
    }
}
