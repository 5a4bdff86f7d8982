using System.Diagnostics.Metrics;

namespace GameServer.Analytics;

/// <summary>The analytics instruments, on the <c>GameServer.Analytics</c> meter.</summary>
public sealed class AnalyticsMetrics
{
    public const string MeterName = "GameServer.Analytics";

    public const string DroppedName = "gameserver.analytics.events.dropped";

    private readonly Counter<long> _dropped;

    public AnalyticsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _dropped = meter.CreateCounter<long>(DroppedName, "{event}", "Events dropped unwritten because the analytics buffer was full (the oldest go first).");
    }

    /// <summary>Counts one event dropped from a full buffer.</summary>
    public void Dropped() => _dropped.Add(1);
}
