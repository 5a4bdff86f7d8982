using GameServer.Jobs;
using GameServer.Realtime;

namespace GameServer.World;

/// <summary>
/// Sends every feed's coalesced changes to its subscribers every <c>World:PatchInterval</c> (50 ms):
/// the patch rate, apart from any simulation's own (the monsters tick every <c>Monsters:TickInterval</c>),
/// as Colyseus separates <c>setPatchRate</c> from <c>setSimulationInterval</c>.
/// </summary>
public sealed class WorldPatchJob(IEnumerable<IWorldFeed> feeds, PatchMetrics patchMetrics) : IJob
{
    private readonly IWorldFeed[] _feeds = [.. feeds];

    public string Name => "world-patches";

    public string Section => "World";

    public string IntervalKey => "PatchInterval";

    public string EnabledKey => "PatchesEnabled";

    public TimeSpan DefaultInterval => TimeSpan.FromMilliseconds(50);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        foreach (var feed in _feeds)
        {
            var report = feed.Publish();
            patchMetrics.Record(feed.Name, report.Elapsed, report.Bytes);
        }

        return ValueTask.CompletedTask;
    }
}
