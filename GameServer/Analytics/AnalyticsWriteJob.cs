using GameServer.Jobs;

namespace GameServer.Analytics;

/// <summary>Every <c>Analytics:WriteInterval</c> (1 s), writes the buffered events in batches; a crash loses at most that interval's events.</summary>
public sealed class AnalyticsWriteJob(AnalyticsWriter writer) : IJob
{
    public string Name => "analytics-writes";

    public string Section => AnalyticsOptions.Section;

    public string IntervalKey => "WriteInterval";

    public string EnabledKey => "WriteEnabled";

    public TimeSpan DefaultInterval => TimeSpan.FromSeconds(1);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        writer.WritePending();
        return ValueTask.CompletedTask;
    }
}
