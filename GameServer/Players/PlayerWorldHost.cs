using GameServer.Cluster;

namespace GameServer.Players;

/// <summary>
/// Brings the world up with the server: loads the players, follows presence across the nodes, and
/// saves the last positions when the server stops.
/// </summary>
public sealed class PlayerWorldHost(PlayerWorld world, Presence presence) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        world.Load();

        // Online while any session in the world is open on any node (the admin dashboard is not a player).
        presence.Changed += world.SetOnline;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        world.Persist();
        return Task.CompletedTask;
    }
}
