using System.ComponentModel.DataAnnotations;
using GameServer.Configuration;

namespace GameServer.Analytics;

/// <summary>Analytics settings, bound to the <c>Analytics</c> section and checked at start-up.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>
    /// Events held in memory between writes. When it is full the oldest unwritten event is dropped (and
    /// counted by <c>gameserver.analytics.events.dropped</c>), so recording never waits for the store.
    /// </summary>
    [Range(1, 10_000_000)]
    public int BufferCapacity { get; set; } = 100_000;

    /// <summary>Events written per transaction by the <c>analytics-writes</c> job.</summary>
    [Range(1, 100_000)]
    public int WriteBatchSize { get; set; } = 5_000;

    /// <summary>How long raw events are kept before the <c>analytics-rollup</c> job folds whole days of them into per-day rows.</summary>
    [PositiveDuration]
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(30);
}
