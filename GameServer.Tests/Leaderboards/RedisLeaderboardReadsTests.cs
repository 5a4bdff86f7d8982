using GameServer.Leaderboards;
using GameServer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace GameServer.Tests.Leaderboards;

/// <summary>
/// In cluster mode the boards' reads waited for Redis on the request's thread (synchronous
/// StackExchange.Redis calls): under load the thread pool starved and reads timed out. Now a read
/// returns at once, waiting on Redis without a thread. A Redis of the test's own, paused
/// (<c>CLIENT PAUSE</c>), makes "Redis has not answered yet" certain rather than likely.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class RedisLeaderboardReadsTests
{
    private const string Board = "monsters_defeated";

    [Test]
    public async Task Reads_while_Redis_has_not_answered_hold_no_thread_and_answer_when_it_does()
    {
        using var redis = TestRedis.StartOwn();
        var options = ConfigurationOptions.Parse(redis.Configuration);
        options.AllowAdmin = true;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var standings = new RedisStandings(connection, TestRedis.GameName(), NullLogger<RedisStandings>.Instance);
        using var boards = new LeaderboardService(TimeProvider.System, new UsernameBook(id => $"u{id}"), standings);
        boards.Count(LeaderboardBoard.MonstersDefeated, 7, 3);
        boards.Count(LeaderboardBoard.MonstersDefeated, 8, 5);
        await standings.WhenCountedAsync();
        await connection.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", 1000, "ALL");

        var top = boards.TopAsync(Board, "all");
        var me = boards.MeAsync(7, Board, "all");
        var topTen = boards.TopTenAsync(LeaderboardBoard.MonstersDefeated, LeaderboardPeriod.All);

        Assert.That((top.IsCompleted, me.IsCompleted, topTen.IsCompleted), Is.EqualTo((false, false, false)), "each read returned before Redis answered");
        Assert.That((await top).Entries.Select(e => (e.User, e.Score)), Is.EqualTo(new[] { (8, 5.0), (7, 3.0) }));
        var standing = await me;
        Assert.That((standing.Rank, standing.Score, standing.Total), Is.EqualTo(((int?)2, 3.0, 2)));
        Assert.That((await topTen).Select(e => e.User), Is.EqualTo(new[] { 8, 7 }));
    }
}
