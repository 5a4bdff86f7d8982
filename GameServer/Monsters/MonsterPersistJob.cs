using GameServer.Jobs;
using GameServer.World;

namespace GameServer.Monsters;

/// <summary>
/// Writes the monsters changed by ticks and strikes every <c>Monsters:PersistInterval</c> (5 s), in one
/// transaction; admin changes are written at once, and everything once more when the server stops.
/// </summary>
public sealed class MonsterPersistJob(MonsterWorld world) : IJob
{
    public string Name => "monster-saves";

    public string Section => "Monsters";

    public string IntervalKey => "PersistInterval";

    public string EnabledKey => "PersistEnabled";

    public string? AuthorityLease => WorldFeature.AuthorityName;

    public TimeSpan DefaultInterval => TimeSpan.FromSeconds(5);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        world.Persist();
        return ValueTask.CompletedTask;
    }
}
