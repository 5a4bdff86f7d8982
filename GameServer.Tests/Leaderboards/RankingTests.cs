using GameServer.Leaderboards;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Leaderboards;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Tests.Leaderboards;

/// <summary>Ranks, ties, pages and standings of one board, without a server.</summary>
[Category("Unit")]
public sealed class RankingTests
{
    private Boards _boards = null!;

    [SetUp]
    public void Create() => _boards = new Boards();

    [TearDown]
    public void Dispose() => _boards.Dispose();

    [Test]
    public void Of_equal_scores_the_one_reached_first_ranks_higher()
    {
        _boards.Defeat(user: 3, times: 2);
        _boards.Defeat(user: 1, times: 2);
        _boards.Defeat(user: 2, times: 2);

        Assert.That(_boards.Order(), Is.EqualTo(new[] { 3, 1, 2 }));
    }

    [Test]
    public void Reaching_a_tied_score_later_ranks_below_the_one_already_there_whatever_the_user_ids()
    {
        _boards.Defeat(user: 9, times: 1);
        _boards.Defeat(user: 1, times: 2);
        _boards.Defeat(user: 9, times: 1);

        Assert.That(_boards.Order(), Is.EqualTo(new[] { 1, 9 }), "9 reached 2 after 1 did");
    }

    [Test]
    public void A_higher_score_climbs_past_the_ones_it_beats()
    {
        _boards.Defeat(user: 1, times: 3);
        _boards.Defeat(user: 2, times: 2);
        _boards.Defeat(user: 3, times: 1);

        _boards.Defeat(user: 3, times: 3);

        Assert.That(_boards.Order(), Is.EqualTo(new[] { 3, 1, 2 }));
    }

    [Test]
    public void Ranks_are_one_based_and_contiguous_across_ties_and_pages()
    {
        foreach (var user in Enumerable.Range(1, 25))
        {
            _boards.Defeat(user, times: 1 + (user % 3));
        }

        var all = _boards.Service.TopAsync("monsters_defeated", "all", limit: 100).Completed();
        var page = _boards.Service.TopAsync("monsters_defeated", "all", limit: 7, offset: 10).Completed();

        Assert.That(all.Entries.Select(e => e.Rank), Is.EqualTo(Enumerable.Range(1, 25)));
        Assert.That(all.Total, Is.EqualTo(25));
        Assert.That(all.Entries.Select(e => e.Score), Is.Ordered.Descending);
        Assert.That(page.Entries, Is.EqualTo(all.Entries.Skip(10).Take(7)));
        Assert.That(page.Entries[0].Username, Is.EqualTo($"u{page.Entries[0].User}"));
    }

    [Test]
    public void A_page_is_10_entries_when_no_limit_is_given_and_empty_past_the_end()
    {
        foreach (var user in Enumerable.Range(1, 30))
        {
            _boards.Defeat(user);
        }

        Assert.That(_boards.Order(), Has.Count.EqualTo(10));
        Assert.That(_boards.Order(limit: 100), Has.Count.EqualTo(30));
        Assert.That(_boards.Order(offset: 30), Is.Empty);
        Assert.That(_boards.Order(limit: 0), Is.Empty);
    }

    [TestCase(101, null, "limit")]
    [TestCase(-1, null, "limit")]
    [TestCase(null, -1, "offset")]
    public void A_limit_or_offset_out_of_bounds_is_invalid_params_naming_it(int? limit, int? offset, string field)
    {
        var error = Assert.Throws<RpcException>(() => _boards.Service.TopAsync("monsters_defeated", null, limit, offset).Completed())!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Details!["field"]!.GetValue<string>(), Is.EqualTo(field));
    }

    [TestCase("monsters", "all", "board")]
    [TestCase("", "all", "board")]
    [TestCase(null, "all", "board")]
    [TestCase("gifts_received", "month", "period")]
    [TestCase("gifts_received", "Week", "period")]
    public void An_unknown_board_or_period_is_invalid_params_naming_the_field(string? board, string period, string field)
    {
        foreach (var call in new Action[]
        {
            () => _boards.Service.TopAsync(board, period).Completed(),
            () => _boards.Service.MeAsync(1, board, period).Completed(),
        })
        {
            var error = Assert.Throws<RpcException>(() => call())!;
            Assert.That(error.Code, Is.EqualTo(ErrorCodes.InvalidParams));
            Assert.That(error.Details!["field"]!.GetValue<string>(), Is.EqualTo(field));
        }
    }

    [Test]
    public void A_period_left_out_is_all_time()
    {
        _boards.Defeat(user: 1);

        var page = _boards.Service.TopAsync("monsters_defeated", period: null).Completed();

        Assert.That(page.Period, Is.EqualTo(LeaderboardPeriods.All));
        Assert.That(page.Entries.Select(e => e.User), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Me_shows_the_rank_score_total_and_two_entries_on_each_side()
    {
        foreach (var user in Enumerable.Range(1, 9))
        {
            _boards.Defeat(user, times: 10 - user);
        }

        var me = _boards.Service.MeAsync(5, "monsters_defeated", "all").Completed();

        Assert.That((me.Rank, me.Score, me.Total), Is.EqualTo(((int?)5, 5.0, 9)));
        Assert.That(me.Around.Select(e => (e.Rank, e.User)), Is.EqualTo(new[] { (3, 3), (4, 4), (5, 5), (6, 6), (7, 7) }));
    }

    [Test]
    public void Me_at_the_top_or_the_bottom_shows_what_there_is()
    {
        foreach (var user in Enumerable.Range(1, 4))
        {
            _boards.Defeat(user, times: 10 - user);
        }

        Assert.That(_boards.Service.MeAsync(1, "monsters_defeated", "all").Completed().Around.Select(e => e.User), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(_boards.Service.MeAsync(4, "monsters_defeated", "all").Completed().Around.Select(e => e.User), Is.EqualTo(new[] { 2, 3, 4 }));
    }

    [Test]
    public void Me_has_no_rank_while_the_score_is_zero()
    {
        foreach (var user in Enumerable.Range(1, 5))
        {
            _boards.Defeat(user);
        }

        var me = _boards.Service.MeAsync(42, "monsters_defeated", "week").Completed();

        Assert.That((me.Rank, me.Score, me.Total), Is.EqualTo(((int?)null, 0.0, 5)));
        Assert.That(me.Around.Select(e => e.Rank), Is.EqualTo(new[] { 4, 5 }), "the last two, the ones to climb past first");
    }

    [Test]
    public void Zero_negative_or_not_a_number_points_rank_nobody()
    {
        _boards.Service.Count(LeaderboardBoard.DistanceWalked, 1, 0);
        _boards.Service.Count(LeaderboardBoard.DistanceWalked, 2, -5);
        _boards.Service.Count(LeaderboardBoard.DistanceWalked, 3, double.NaN);

        Assert.That(_boards.Service.TopAsync("distance_walked", "all").Completed().Total, Is.Zero);
    }

    [Test]
    public void The_top_changes_only_when_a_score_in_the_top_10_moves()
    {
        foreach (var user in Enumerable.Range(1, 12))
        {
            _boards.Defeat(user, times: 20 - user);
        }

        _boards.Changes.Clear();
        _boards.Defeat(user: 12);
        Assert.That(_boards.Changes, Is.Empty, "12th to 12th, below the top 10");

        _boards.Defeat(user: 12, times: 3);
        Assert.That(_boards.Changes, Does.Contain((LeaderboardBoard.MonstersDefeated, LeaderboardPeriod.All)), "12th into the top 10");
    }
}
