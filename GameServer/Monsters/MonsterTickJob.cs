using System.Reactive.Concurrency;
using GameServer.Jobs;
using GameServer.World;

namespace GameServer.Monsters;

/// <summary>
/// Runs the monsters' behaviour every <c>Monsters:TickInterval</c> (500 ms): the simulation. Its changes
/// reach subscribers at the next patch, every <c>World:PatchInterval</c>.
/// </summary>
public sealed class MonsterTickJob(MonsterBehaviour behaviour, IScheduler clock) : IJob
{
    public string Name => "monster-tick";

    public string Section => "Monsters";

    public string IntervalKey => "TickInterval";

    public string EnabledKey => "TickEnabled";

    public string? AuthorityLease => WorldFeature.AuthorityName;

    public TimeSpan DefaultInterval => TimeSpan.FromMilliseconds(500);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        behaviour.Tick(clock.Now);
        return ValueTask.CompletedTask;
    }
}
