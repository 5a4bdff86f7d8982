using GameServer.Cluster.Authority;

namespace GameServer.Monsters;

/// <summary>Loads the monsters when the server starts, answers the owner's operations on them, and saves them when it stops.</summary>
public sealed class MonsterWorldHost(MonsterWorld world, MonsterService monsters, IAuthority authority) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        world.Load();
        authority.AnswerWith(monsters);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        world.Persist();
        return Task.CompletedTask;
    }
}
