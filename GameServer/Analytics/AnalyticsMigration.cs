using GameServer.Storage.LiteDb;

namespace GameServer.Analytics;

/// <summary>Schema version 11: the raw events' indexes (time for summaries and the roll-up, type and user for <c>analytics.events</c>).</summary>
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
    }
}
