using GameServer.Jobs;
using GameServer.World;

namespace GameServer.Players;

/// <summary>
/// Writes the positions changed since the last save every <c>Realtime:PersistInterval</c> (1 s), in
/// one transaction: memory is the authority, the file a recent copy of it.
/// </summary>
public sealed class PlayerPersistJob(PlayerWorld world) : IJob
{
    public string Name => "player-positions";

    public string Section => "Realtime";

    public string IntervalKey => "PersistInterval";

    public string EnabledKey => "PersistEnabled";

    public string? AuthorityLease => WorldFeature.AuthorityName;

    public TimeSpan DefaultInterval => TimeSpan.FromSeconds(1);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        world.Persist();
        return ValueTask.CompletedTask;
    }
}
