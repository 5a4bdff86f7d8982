using GameServer.Storage.LiteDb;

namespace GameServer.Analytics;

/// <summary>
/// Schema version 11: the raw events' indexes (time for summaries and the roll-up, type and user for
/// <c>analytics.events</c>), and the days' collection made now rather than by the first roll-up, while
/// the server serves (see <see cref="GameDatabase.EnsureCollection"/>).
/// </summary>
public sealed class AnalyticsMigration : IMigration
{
    public int Version => 11;

    public string Description => "analytics: event indexes on time, type and user";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var events = database.Collection<AnalyticsEvent>(LiteDbAnalyticsStore.EventsCollection);
        events.EnsureIndex(e => e.At);
        events.EnsureIndex(e => e.Type);
        events.EnsureIndex(e => e.User);
        database.EnsureCollection(LiteDbAnalyticsStore.DaysCollection);
    }
}
