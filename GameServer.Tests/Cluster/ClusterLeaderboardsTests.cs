using GameServer.Leaderboards;
using GameServer.Protocol;
using GameServer.Protocol.Leaderboards;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Cluster;

/// <summary>In cluster mode the boards are Redis sorted sets: scores counted on two nodes rank as one board, with the same answers.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class ClusterLeaderboardsTests
{
    private const string Board = LeaderboardBoards.MonstersDefeated;

    [Test]
    public async Task Scores_counted_on_two_nodes_rank_as_one_board_the_earlier_of_equal_scores_first()
    {
        await using var cluster = await ClusterNodes.StartAsync(2);
        var (alice, aliceAuth) = await cluster[0].ConnectAsUserAsync();
        var (bob, bobAuth) = await cluster[1].ConnectAsUserAsync();
        var (carol, carolAuth) = await cluster[1].ConnectAsUserAsync();

        await CountAsync(cluster[0], aliceAuth.User.Id, 2);
        await CountAsync(cluster[1], bobAuth.User.Id, 3);
        await CountAsync(cluster[1], carolAuth.User.Id, 1);
        await CountAsync(cluster[0], carolAuth.User.Id, 2);

        var onFirst = await alice.LeaderboardTopAsync(Board);
        var onSecond = await bob.LeaderboardTopAsync(Board, "week");
        Assert.That(onFirst.Entries.Select(e => (e.Rank, e.User, e.Username, e.Score)), Is.EqualTo(new[]
        {
            (1, bobAuth.User.Id, bobAuth.User.Username, 3.0),
            (2, carolAuth.User.Id, carolAuth.User.Username, 3.0),
            (3, aliceAuth.User.Id, aliceAuth.User.Username, 2.0),
        }), "bob reached 3 on the second node before carol did on the first: he ranks first");
        Assert.That(onFirst.Total, Is.EqualTo(3));
        Assert.That(onSecond.Entries.Select(e => e.User), Is.EqualTo(onFirst.Entries.Select(e => e.User)), "this week's board is the same on the other node");
        var carolStanding = await carol.LeaderboardMeAsync(Board);
        Assert.That((carolStanding.Rank, carolStanding.Score, carolStanding.Total), Is.EqualTo(((int?)2, 3.0, 3)));
        Assert.That(carolStanding.Around.Select(e => e.User), Is.EqualTo(new[] { bobAuth.User.Id, carolAuth.User.Id, aliceAuth.User.Id }));
    }

    [Test]
    public async Task A_subscriber_on_one_node_hears_of_a_top_change_counted_on_another()
    {
        await using var cluster = await ClusterNodes.StartAsync(2);
        var (alice, _) = await cluster[0].ConnectAsUserAsync();
        var (_, bobAuth) = await cluster[1].ConnectAsUserAsync();
        var heard = new TaskCompletionSource<LeaderboardChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.NotificationReceived += n =>
        {
            // Four counts, each may be told: the last one's standing is the one to hear.
            if (n.Method == Methods.LeaderboardChanged && n.Read(GameJsonContext.Default.LeaderboardChanged) is { } change
                && change.Entries.Any(e => e.Score >= 4))
            {
                heard.TrySetResult(change);
            }
        };
        await alice.SubscribeLeaderboardAsync(Board);

        await CountAsync(cluster[1], bobAuth.User.Id, 4);

        // The first count's change may be told before the others reach Redis; the channel then tells the
        // rest a second later, by the cluster's virtual clock (this test waited for it in vain).
        await cluster.AdvanceAsync(LeaderboardChannel.MinInterval);
        var changed = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CurrentContext.CancellationToken);
        Assert.That(changed.Entries.Select(e => (e.User, e.Score)), Is.EqualTo(new[] { (bobAuth.User.Id, 4.0) }));
    }

    [Test]
    public async Task What_the_nodes_counted_is_stored_once_and_a_new_cluster_loads_it()
    {
        var database = TestPostgres.Shared.CreateDatabase();
        int bob;
        await using (var cluster = await ClusterNodes.StartAsync(2, $"--Storage:ConnectionString={database}"))
        {
            (_, var auth) = await cluster[1].ConnectAsUserAsync();
            bob = auth.User.Id;
            await CountAsync(cluster[0], bob, 2);
            await CountAsync(cluster[1], bob, 5);
        }

        // Another game name: an empty Redis, filled from the database by the first node up.
        await using var again = await ClusterNodes.StartAsync(1, $"--Storage:ConnectionString={database}");
        var stored = again[0].Services.GetRequiredService<ILeaderboardStore>().InPeriod(LeaderboardScoreRecord.AllTime);
        var page = await again[0].Services.GetRequiredService<LeaderboardService>().TopAsync(Board, "all");

        Assert.That(stored.Single(s => s.Board == Board).Score, Is.EqualTo(7));
        Assert.That(page.Entries.Select(e => (e.User, e.Score)), Is.EqualTo(new[] { (bob, 7.0) }));
    }

    // Counting does not wait for Redis; the test does, so that the next count (on any node) comes after.
    private static async Task CountAsync(InProcessServer node, int user, int defeats)
    {
        for (var i = 0; i < defeats; i++)
        {
            node.Services.GetRequiredService<LeaderboardService>().Count(LeaderboardBoard.MonstersDefeated, user, 1);
        }

        await node.Services.GetRequiredService<RedisStandings>().WhenCountedAsync();
    }
}
