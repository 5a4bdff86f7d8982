using GameServer.Gifts;
using GameServer.Monsters;
using GameServer.Players;

namespace GameServer.Leaderboards;

/// <summary>
/// Rebuilds the boards from the store when the server starts, then follows the game: the moves Players
/// applied, the defeats Monsters told, the gifts the gift job gave. These are the only sources of
/// points; no method lets a client submit a score. Saves once more when the server stops.
/// </summary>
public sealed partial class LeaderboardHost(
    LeaderboardService boards,
    LeaderboardPersistence persistence,
    PlayerWorld players,
    MonsterFeed monsters,
    GiftFeed gifts,
    ILogger<LeaderboardHost> logger) : IHostedService
{
    private readonly List<IDisposable> _followed = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await persistence.LoadAsync();
        _followed.Add(players.Moved.Subscribe(moved => Count(LeaderboardBoard.DistanceWalked, moved.User, moved.Distance)));
        _followed.Add(monsters.Defeats.Subscribe(defeat => Count(LeaderboardBoard.MonstersDefeated, defeat.User, 1)));
        _followed.Add(gifts.Given.Subscribe(given => CountEach(LeaderboardBoard.GiftsReceived, given.Users)));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var followed in _followed)
        {
            followed.Dispose();
        }

        _followed.Clear();
        try
        {
            await persistence.SaveAsync();
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Cluster mode with Redis gone: what is unsaved stays listed in Redis for the next save of any node.
            LogFinalSaveFailed(e);
        }
    }

    // Counting runs on the thread of the move, strike or gift run that raised it: a fault here is logged,
    // never thrown into the player's move.
    private void Count(LeaderboardBoard board, int user, double points)
    {
        try
        {
            boards.Count(board, user, points);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCountFailed(e, board.Name(), user);
        }
    }

    private void CountEach(LeaderboardBoard board, IReadOnlyList<int> users)
    {
        try
        {
            boards.CountEach(board, users, 1);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCountFailed(e, board.Name(), users.Count > 0 ? users[0] : 0);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Leaderboards: the last save at stop could not reach Redis; the changes stay listed there")]
    private partial void LogFinalSaveFailed(Exception error);

    [LoggerMessage(LogLevel.Error, "Leaderboard {Board} failed to count an event of user {UserId}")]
    private partial void LogCountFailed(Exception error, string board, int userId);
}
