using System.Globalization;
using GameServer.Protocol.Analytics;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Analytics;

public sealed partial class AnalyticsService
{
    /// <summary>The most days one summary covers, both ends counted: a leap year.</summary>
    public const int MaxSummaryDays = 366;

    /// <summary>How many of the busiest hours the summary names.</summary>
    public const int BusiestHoursCount = 3;

    private const int DefaultSummaryDays = 7;

    /// <summary>
    /// Per-day figures for <paramref name="from"/> to <paramref name="to"/> (UTC dates, inclusive; the last
    /// 7 days ending today by default) and the busiest hours of the range. Rolled-up days are read from
    /// their rows, the rest computed from the raw events, with one function, so a day reads the same either way.
    /// </summary>
    public AnalyticsSummary Summary(string? from, string? to)
    {
        var last = to is null ? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) : ParseDate("to", to);
        var first = from is null ? last.AddDays(1 - DefaultSummaryDays) : ParseDate("from", from);
        if (first > last)
        {
            throw RpcException.InvalidParams("from", "must not be after to");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxSummaryDays)
        {
            throw RpcException.InvalidParams("to", $"must be at most {MaxSummaryDays} days from from, both counted");
        }

        var days = Days(first, last);
        var hours = new int[24];
        foreach (var day in days)
        {
            for (var hour = 0; hour < hours.Length; hour++)
            {
                hours[hour] += day.Hours[hour];
            }
        }

        var busiest = hours
            .Select((events, hour) => new AnalyticsHour(hour, events))
            .Where(h => h.Events > 0)
            .OrderByDescending(h => h.Events)
            .ThenBy(h => h.Hour)
            .Take(BusiestHoursCount);
        return new AnalyticsSummary(AnalyticsDay.KeyOf(first), AnalyticsDay.KeyOf(last), [.. days.Select(ToContract)], [.. busiest]);
    }

    // Every day of the range, in order: its roll-up, its raw events' figures, both joined, or zeros.
    private List<AnalyticsDay> Days(DateOnly first, DateOnly last)
    {
        var (from, _) = Bounds(first);
        var (_, until) = Bounds(last);
        Dictionary<DateOnly, AnalyticsDay> rolledUp;
        ILookup<DateOnly, AnalyticsEvent> raw;
        lock (_rollUp)
        {
            rolledUp = store.Days(first, last).ToDictionary(d => d.Date);
            raw = store.Between(from, until).ToLookup(e => DateOnly.FromDateTime(e.At));
        }

        var days = new List<AnalyticsDay>(last.DayNumber - first.DayNumber + 1);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var fromRaw = raw.Contains(date) ? DayFigures.Of(date, raw[date]) : null;
            days.Add((rolledUp.GetValueOrDefault(date), fromRaw) switch
            {
                ({ } row, { } late) => DayFigures.Merge(row, late),
                ({ } row, null) => row,
                (null, { } computed) => computed,
                _ => new AnalyticsDay { Id = AnalyticsDay.KeyOf(date) },
            });
        }

        return days;
    }

    private static DateOnly ParseDate(string field, string value) =>
        DateOnly.TryParseExact(value, AnalyticsDay.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw RpcException.InvalidParams(field, "must be a date, YYYY-MM-DD");

    private static AnalyticsDaySummary ToContract(AnalyticsDay day) => new(
        day.Id,
        day.ActiveUsers,
        day.NewUsers,
        day.Sessions,
        day.SessionSecondsMedian,
        day.SessionSecondsP90,
        AnalyticsEventTypes.All.ToDictionary(type => type, type => day.Events.GetValueOrDefault(type)));
}
