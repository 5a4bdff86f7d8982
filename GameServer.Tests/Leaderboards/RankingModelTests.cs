using GameServer.Leaderboards;

namespace GameServer.Tests.Leaderboards;

/// <summary>
/// The boards against a model that re-sorts every score after every event: pages, standings and top
/// changes agree whatever order counts and reads come in, including while users wait to be placed below
/// the top and when more of them wait than <see cref="Ranking.MaxUnplaced"/>.
/// </summary>
[Category("Unit")]
public sealed class RankingModelTests
{
    [TestCase(30, 2_000, 1)]
    [TestCase(300, 6_000, 2)]
    [TestCase(Ranking.MaxUnplaced + 500, 8_000, 3)]
    public void Pages_standings_and_top_changes_match_a_full_sort_after_every_event(int users, int events, int seed)
    {
        using var boards = new Boards();
        var random = new Random(seed);
        var model = new Dictionary<int, (double Score, long Sequence)>();
        long sequence = 0;
        for (var i = 0; i < events; i++)
        {
            // Whole points make ties common; a few users take most of the events, as walkers do.
            var user = random.Next(4) == 0 ? 1 + random.Next(users) : 1 + random.Next(Math.Min(users, 15));
            var points = 1 + random.Next(3);
            var wasInTop = Top(model).Contains(user);
            boards.Changes.Clear();

            boards.Service.Count(LeaderboardBoard.DistanceWalked, user, points);
            model[user] = ((model.TryGetValue(user, out var had) ? had.Score : 0) + points, ++sequence);

            var told = boards.Changes.Contains((LeaderboardBoard.DistanceWalked, LeaderboardPeriod.All));
            Assert.That(told, Is.EqualTo(wasInTop || Top(model).Contains(user)), $"event {i}: user {user}, top change told");
            // The top as leaderboard.changed reads it, which places nobody: users wait across many events.
            var top = boards.Service.TopTenAsync(LeaderboardBoard.DistanceWalked, LeaderboardPeriod.All).Completed();
            Assert.That(top.Select(e => e.User), Is.EqualTo(Top(model)), $"event {i}: the top 10");
            Assert.That(top.Select(e => e.Score), Is.EqualTo(Top(model).Select(u => model[u].Score)), $"event {i}: the top 10's scores");
            if (random.Next(50) == 0)
            {
                var offset = random.Next(model.Count);
                var page = boards.Service.TopAsync("distance_walked", "all", 100, offset).Completed();
                Assert.That(page.Entries.Select(e => e.User), Is.EqualTo(Sorted(model).Skip(offset).Take(100)), $"event {i}: a page from {offset}");
                Assert.That(page.Total, Is.EqualTo(model.Count), $"event {i}: the page's total");
            }

            if (random.Next(50) == 0)
            {
                var me = boards.Service.MeAsync(user, "distance_walked", "all").Completed();
                Assert.That((me.Rank, me.Score, me.Total), Is.EqualTo(((int?)Sorted(model).IndexOf(user) + 1, model[user].Score, model.Count)), $"event {i}: user {user}'s standing");
            }
        }

        Assert.That(Page(boards, 0, 100), Is.EqualTo(Sorted(model).Take(100)));
    }

    private static List<int> Page(Boards boards, int offset, int limit) =>
        [.. boards.Service.TopAsync("distance_walked", "all", limit, offset).Completed().Entries.Select(e => e.User)];

    private static List<int> Top(Dictionary<int, (double Score, long Sequence)> model) => [.. Sorted(model).Take(Ranking.TopSize)];

    private static List<int> Sorted(Dictionary<int, (double Score, long Sequence)> model) =>
        [.. model.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Value.Sequence).ThenBy(s => s.Key).Select(s => s.Key)];
}
