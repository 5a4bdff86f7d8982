namespace GameServer.Monsters;

/// <summary>Loads the monsters when the server starts and saves them when it stops.</summary>
public sealed class MonsterWorldHost(MonsterWorld world) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        world.Load();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        world.Persist();
        return Task.CompletedTask;
    }
}
