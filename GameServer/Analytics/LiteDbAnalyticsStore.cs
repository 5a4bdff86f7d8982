using GameServer.Storage;
using GameServer.Storage.LiteDb;
using LiteDB;

namespace GameServer.Analytics;

/// <summary>The <c>analytics_events</c> (raw, indexed by time, type and user) and <c>analytics_days</c> (keyed by date) collections.</summary>
public sealed class LiteDbAnalyticsStore(GameDatabase database, StoreMetrics? metrics = null) : IAnalyticsStore
{
    internal const string EventsCollection = "analytics_events";
    internal const string DaysCollection = "analytics_days";

    private readonly ILiteCollection<AnalyticsEvent> _events = database.Collection<AnalyticsEvent>(EventsCollection);
    private readonly ILiteCollection<AnalyticsDay> _days = database.Collection<AnalyticsDay>(DaysCollection);
    private readonly StoreMetrics _metrics = metrics ?? StoreMetrics.Unrecorded;

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<AnalyticsEvent>(EventsCollection, () => _events.LongCount(), () => _events.Query().OrderBy(e => e.Id).ToEnumerable().Select(Utc), Import, () => _events.DeleteAll()),
        new RecordSet<AnalyticsDay>(DaysCollection, () => _days.LongCount(), () => _days.Query().OrderBy(d => d.Id).ToEnumerable(), Import, () => _days.DeleteAll()),
    ];

    public void Append(IReadOnlyList<AnalyticsEvent> events)
    {
        using var timing = _metrics.Time("analytics", "append");
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > 0)
        {
            database.InTransaction(() => _events.InsertBulk(events, events.Count));
        }
    }

    public IReadOnlyList<AnalyticsEvent> Latest(string? type, int? user, int limit)
    {
        using var timing = _metrics.Time("analytics", "latest");
        var query = _events.Query();
        if (type is not null)
        {
            query = query.Where(e => e.Type == type);
        }

        if (user is { } id)
        {
            query = query.Where(e => e.User == id);
        }

        return Utc(query.OrderByDescending(e => e.Id).Limit(limit).ToList());
    }

    public IReadOnlyList<AnalyticsEvent> Between(DateTime from, DateTime until)
    {
        using var timing = _metrics.Time("analytics", "between");
        return Utc(_events.Find(e => e.At >= from && e.At < until).ToList());
    }

    public DateTime? OldestEventTime()
    {
        using var timing = _metrics.Time("analytics", "oldest_event_time");
        return _events.Query().OrderBy(e => e.At).Limit(1).FirstOrDefault()?.At.ToUniversalTime();
    }

    public IReadOnlyList<AnalyticsDay> Days(DateOnly from, DateOnly to)
    {
        using var timing = _metrics.Time("analytics", "days");
        return _days.Find(Query.Between("_id", AnalyticsDay.KeyOf(from), AnalyticsDay.KeyOf(to))).ToList();
    }

    public void RollUp(AnalyticsDay day, DateTime from, DateTime until)
    {
        using var timing = _metrics.Time("analytics", "roll_up");
        database.InTransaction(() =>
        {
            _days.Upsert(day);
            _events.DeleteMany(e => e.At >= from && e.At < until);
        });
    }

    private void Import(IReadOnlyList<AnalyticsEvent> events) =>
        database.InTransaction(() => _events.InsertBulk(events, batchSize: Math.Max(events.Count, 1)));

    private void Import(IReadOnlyList<AnalyticsDay> days) =>
        database.InTransaction(() => _days.InsertBulk(days, batchSize: Math.Max(days.Count, 1)));

    private static AnalyticsEvent Utc(AnalyticsEvent e)
    {
        e.At = e.At.ToUniversalTime();
        return e;
    }

    // LiteDB reads dates back in local time.
    private static List<AnalyticsEvent> Utc(List<AnalyticsEvent> events)
    {
        foreach (var e in events)
        {
            e.At = e.At.ToUniversalTime();
        }

        return events;
    }
}
