using GameServer.Protocol.Client;
using GameServer.Protocol.Players;

namespace GameServer.Tests.Support;

/// <summary>
/// A client's view of the players, applied on its receive loop in order, that can be awaited until a
/// user is online or offline in it.
/// </summary>
public sealed class WatchedPlayers
{
    private readonly GameClient _client;
    private readonly PlayerView _view = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<PlayerInfo, bool> Matches, TaskCompletionSource Done)> _waiters = [];

    private WatchedPlayers(GameClient client)
    {
        _client = client;
        client.NotificationReceived += notification =>
        {
            lock (_lock)
            {
                _view.Apply(notification);
                Check();
            }
        };
    }

    /// <summary>Subscribes <paramref name="client"/> to the whole world, or to the players within <paramref name="radius"/> of its own, and follows it.</summary>
    public static async Task<WatchedPlayers> SubscribeAsync(GameClient client, double? radius = null)
    {
        var watched = new WatchedPlayers(client);
        await client.SubscribePlayersAsync(watched._view, new PlayersSubscribeParams(radius));
        lock (watched._lock)
        {
            watched.Check();
        }

        return watched;
    }

    /// <summary>Whether the user's player is online in the view now; null when not in view.</summary>
    public bool? OnlineOf(int userId)
    {
        lock (_lock)
        {
            return _view.Players.FirstOrDefault(p => p.User == userId)?.Online;
        }
    }

    /// <summary>Completes once the user's player is (or becomes) <paramref name="online"/> in the view.</summary>
    public Task UntilAsync(int userId, bool online, TimeSpan timeout) => UntilAsync(p => p.User == userId && p.Online == online, timeout);

    /// <summary>Completes once the user's player is (or comes) at (<paramref name="x"/>, <paramref name="y"/>) in the view.</summary>
    public Task UntilAtAsync(int userId, double x, double y, TimeSpan timeout) =>
        UntilAsync(p => p.User == userId && p.PositionX == x && p.PositionY == y, timeout);

    /// <summary>Completes once a player in the view matches.</summary>
    public Task UntilAsync(Func<PlayerInfo, bool> matches, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((matches, done));
            Check();
        }

        return done.Task.WaitAsync(timeout);
    }

    // Called under _lock.
    private void Check()
    {
        foreach (var waiter in _waiters.ToArray())
        {
            if (_view.Players.Any(waiter.Matches))
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }
}
