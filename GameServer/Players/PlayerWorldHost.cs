using GameServer.Realtime;

namespace GameServer.Players;

/// <summary>
/// Brings the world up with the server: loads the players, follows presence from the sessions, and
/// saves the last positions when the server stops.
/// </summary>
public sealed class PlayerWorldHost(PlayerWorld world, SessionRegistry sessions) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        world.Load();

        // Presence is derived from the registry, so the last of several devices decides, whatever the
        // order of events; only sessions in the world count (the admin dashboard is not a player).
        sessions.SignedIn += session => world.SetOnline(session.User!.Id, InWorld(session.User.Id));
        sessions.SignedOut += (_, user) => world.SetOnline(user.Id, InWorld(user.Id));
        return Task.CompletedTask;
    }

    private bool InWorld(int userId) => sessions.SessionsOf(userId).Any(s => s.User is { InWorld: true });

    public Task StopAsync(CancellationToken cancellationToken)
    {
        world.Persist();
        return Task.CompletedTask;
    }
}
