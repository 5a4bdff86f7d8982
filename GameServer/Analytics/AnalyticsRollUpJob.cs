using GameServer.Jobs;

namespace GameServer.Analytics;

/// <summary>
/// Every <c>Analytics:RollUpInterval</c> (1 h), folds each whole UTC day of raw events older than
/// <c>Analytics:RawRetention</c> into its per-day row and deletes the raw events, one day per transaction.
/// </summary>
public sealed class AnalyticsRollUpJob(AnalyticsService analytics) : IJob
{
    public string Name => "analytics-rollup";

    public string Section => AnalyticsOptions.Section;

    public string IntervalKey => "RollUpInterval";

    public string EnabledKey => "RollUpEnabled";

    /// <summary>Once per interval for the whole game, however many nodes.</summary>
    public bool OncePerCluster => true;

    public TimeSpan DefaultInterval => TimeSpan.FromHours(1);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        analytics.RollUpExpired(cancellationToken);
        return ValueTask.CompletedTask;
    }
}
