using System.Reactive.Concurrency;
using GameServer.Jobs;

namespace GameServer.Monsters;

/// <summary>Runs the monsters' behaviour every <c>Monsters:TickInterval</c> (500 ms) and sends the changes to subscribers.</summary>
public sealed class MonsterTickJob(MonsterBehaviour behaviour, MonsterFeed feed, IScheduler clock) : IJob
{
    public string Name => "monster-tick";

    public string Section => "Monsters";

    public string IntervalKey => "TickInterval";

    public string EnabledKey => "TickEnabled";

    public TimeSpan DefaultInterval => TimeSpan.FromMilliseconds(500);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        behaviour.Tick(clock.Now);
        feed.Publish();
        return ValueTask.CompletedTask;
    }
}
