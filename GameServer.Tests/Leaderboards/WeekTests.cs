using GameServer.Leaderboards;

namespace GameServer.Tests.Leaderboards;

/// <summary>The <c>week</c> and <c>last_week</c> periods across ISO week boundaries, in virtual time.</summary>
[Category("Unit")]
public sealed class WeekTests
{
    private static readonly DateTimeOffset NextMonday = new(2030, 1, 7, 0, 0, 0, TimeSpan.Zero);

    private Boards _boards = null!;

    [SetUp]
    public void Create() => _boards = new Boards();

    [TearDown]
    public void Dispose() => _boards.Dispose();

    [Test]
    public void A_new_week_starts_empty_and_last_week_keeps_its_final_standings()
    {
        _boards.Defeat(user: 1, times: 2);
        _boards.Defeat(user: 2, times: 3);
        _boards.Time.SetUtcNow(NextMonday - TimeSpan.FromTicks(1));
        _boards.Defeat(user: 1, times: 2);

        _boards.Time.SetUtcNow(NextMonday);

        Assert.That(_boards.Order("week"), Is.Empty);
        var lastWeek = _boards.Service.TopAsync("monsters_defeated", "last_week").Completed();
        Assert.That(lastWeek.Entries.Select(e => (e.User, e.Score)), Is.EqualTo(new[] { (1, 4.0), (2, 3.0) }));
        Assert.That(_boards.Order("all"), Is.EqualTo(new[] { 1, 2 }), "all time goes on");
    }

    [Test]
    public void Points_after_the_boundary_count_for_the_new_week_and_leave_last_week_final()
    {
        _boards.Defeat(user: 1);
        _boards.Time.SetUtcNow(NextMonday);

        _boards.Defeat(user: 2, times: 5);

        Assert.That(_boards.Order("week"), Is.EqualTo(new[] { 2 }));
        Assert.That(_boards.Order("last_week"), Is.EqualTo(new[] { 1 }));
        Assert.That(_boards.Service.MeAsync(2, "monsters_defeated", "last_week").Completed().Rank, Is.Null);
        Assert.That(_boards.Service.MeAsync(2, "monsters_defeated", "all").Completed().Score, Is.EqualTo(5));
    }

    [Test]
    public void After_a_week_without_play_last_week_is_empty_too()
    {
        _boards.Defeat(user: 1);

        _boards.Time.SetUtcNow(NextMonday + IsoWeek.Length);

        Assert.That(_boards.Order("week"), Is.Empty);
        Assert.That(_boards.Order("last_week"), Is.Empty);
        Assert.That(_boards.Order("all"), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void The_end_of_a_week_tells_the_week_and_last_week_changed_with_nobody_playing()
    {
        _boards.Defeat(user: 1);
        _boards.Changes.Clear();

        _boards.Time.Advance(NextMonday - TimeSpan.FromTicks(1) - _boards.Time.GetUtcNow());
        Assert.That(_boards.Changes, Is.Empty, "a tick before Monday");

        _boards.Time.Advance(TimeSpan.FromTicks(1));
        Assert.That(_boards.Changes, Is.EquivalentTo(
            from board in LeaderboardNames.Boards
            from period in new[] { LeaderboardPeriod.Week, LeaderboardPeriod.LastWeek }
            select (board, period)));
        Assert.That(_boards.Service.CurrentWeek.Start, Is.EqualTo(NextMonday));

        _boards.Changes.Clear();
        _boards.Time.Advance(IsoWeek.Length);
        Assert.That(_boards.Changes, Has.Count.EqualTo(6), "and again a week later");
    }

    [TestCase("2030-01-02T12:00:00Z", "2029-12-31", "2030-W01")]
    [TestCase("2027-01-01T00:00:00Z", "2026-12-28", "2026-W53")]
    [TestCase("2026-12-06T23:59:59Z", "2026-11-30", "2026-W49")]
    [TestCase("2026-12-07T00:00:00Z", "2026-12-07", "2026-W50")]
    public void Weeks_are_iso_weeks_in_utc(string instant, string monday, string key)
    {
        var week = IsoWeek.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(week.Start, Is.EqualTo(new DateTimeOffset(DateTime.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero)));
        Assert.That(week.Key, Is.EqualTo(key));
    }
}
