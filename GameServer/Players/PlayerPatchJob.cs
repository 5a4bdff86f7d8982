using GameServer.Jobs;

namespace GameServer.Players;

/// <summary>Sends the coalesced player changes to subscribers every <c>Realtime:PatchInterval</c> (50 ms).</summary>
public sealed class PlayerPatchJob(PlayerFeed feed) : IJob
{
    public string Name => "player-patches";

    public string Section => "Realtime";

    public string IntervalKey => "PatchInterval";

    public string EnabledKey => "PatchesEnabled";

    public TimeSpan DefaultInterval => TimeSpan.FromMilliseconds(50);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        feed.Publish();
        return ValueTask.CompletedTask;
    }
}
