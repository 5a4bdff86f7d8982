using GameServer.Leaderboards;
using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.Leaderboards;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Leaderboards;

/// <summary><c>leaderboard.changed</c>: only when the top 10 changes, at most once a second, in virtual time.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class LeaderboardChangedTests
{
    private static readonly DateTimeOffset NextMonday = new(2030, 1, 7, 0, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private InProcessServer _server = null!;
    private GameClient _watcher = null!;
    private NotificationLog _heard = null!;

    [SetUp]
    public async Task Start()
    {
        _time = new FakeTimeProvider(Boards.Wednesday);
        _server = await InProcessServer.StartAsync(services => services.AddSingleton<TimeProvider>(_time), "--World:MaxMovesPerSecond=1000");
        (_watcher, _) = await _server.ConnectAsUserAsync();
        _heard = new NotificationLog(_watcher);
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private LeaderboardService Service => _server.Services.GetRequiredService<LeaderboardService>();

    [Test]
    public async Task The_first_change_goes_at_once_and_the_next_ones_gather_into_one_a_second_later()
    {
        await _watcher.SubscribeLeaderboardAsync(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.Week);
        var (mover, moverAuth) = await _server.ConnectAsUserAsync();

        await MoveAwayFromTheEdgesAsync(mover);
        Assert.That(await ChangesAsync(), Has.Count.EqualTo(1), "at once");

        foreach (var _ in Enumerable.Range(0, 3))
        {
            await mover.MoveAsync(0.5, 0);
        }

        Assert.That(await ChangesAsync(), Has.Count.EqualTo(1), "three changes in the same second wait");
        _time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.That(await ChangesAsync(), Has.Count.EqualTo(1), "a tick short of the second");

        _time.Advance(TimeSpan.FromTicks(1));
        var changes = await ChangesAsync();
        Assert.That(changes, Has.Count.EqualTo(2), "one for the three");
        var mine = await mover.LeaderboardMeAsync(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.Week);
        Assert.That(changes[1], Is.EqualTo(new LeaderboardChanged(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.Week,
            [new LeaderboardEntry(1, moverAuth.User.Id, moverAuth.User.Username, mine.Score)])).Using<LeaderboardChanged>(SameChange), "the top as it is after the last");
    }

    [Test]
    public async Task A_change_below_the_top_10_tells_nobody()
    {
        foreach (var user in Enumerable.Range(1_000_001, 10))
        {
            Service.Count(LeaderboardBoard.DistanceWalked, user, 1_000);
        }

        await _watcher.SubscribeLeaderboardAsync(LeaderboardBoards.DistanceWalked);
        var (mover, _) = await _server.ConnectAsUserAsync();

        await MoveAwayFromTheEdgesAsync(mover);
        await mover.MoveAsync(1, 1);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(await ChangesAsync(), Is.Empty);
        Assert.That((await mover.LeaderboardMeAsync(LeaderboardBoards.DistanceWalked)).Rank, Is.EqualTo(11), "it was counted, below the top 10");
    }

    [Test]
    public async Task Subscribers_hear_only_the_boards_and_periods_they_chose()
    {
        await _watcher.SubscribeLeaderboardAsync(LeaderboardBoards.MonstersDefeated, LeaderboardPeriods.All);
        var (mover, _) = await _server.ConnectAsUserAsync();

        await MoveAwayFromTheEdgesAsync(mover);

        Assert.That(await ChangesAsync(), Is.Empty);
        Assert.That(await _watcher.UnsubscribeLeaderboardAsync(LeaderboardBoards.MonstersDefeated), Is.EqualTo(new UnsubscribeResult(true)));
        Assert.That(await _watcher.UnsubscribeLeaderboardAsync(LeaderboardBoards.MonstersDefeated), Is.EqualTo(new UnsubscribeResult(false)));
    }

    [Test]
    public async Task A_new_week_empties_the_week_for_subscribers_and_last_week_stays_readable()
    {
        var (mover, moverAuth) = await _server.ConnectAsUserAsync();
        await MoveAwayFromTheEdgesAsync(mover);
        var final = (await mover.LeaderboardMeAsync(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.Week)).Score;
        var subscribed = await _watcher.SubscribeLeaderboardAsync(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.Week);
        Assert.That(subscribed.Entries.Select(e => e.User), Is.EqualTo(new[] { moverAuth.User.Id }));

        _time.SetUtcNow(NextMonday - TimeSpan.FromTicks(1));
        Assert.That(await ChangesAsync(), Is.Empty, "Sunday, a tick before midnight");
        _time.Advance(TimeSpan.FromTicks(1));

        Assert.That((await ChangesAsync()).Select(c => c.Entries), Is.EqualTo(new[] { Array.Empty<LeaderboardEntry>() }), "the week begins empty");
        Assert.That((await _watcher.LeaderboardTopAsync(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.Week)).Total, Is.Zero);
        var lastWeek = await _watcher.LeaderboardTopAsync(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.LastWeek);
        Assert.That(lastWeek.Entries, Is.EqualTo(new[] { new LeaderboardEntry(1, moverAuth.User.Id, moverAuth.User.Username, final) }));
    }

    private static bool SameChange(LeaderboardChanged a, LeaderboardChanged b) =>
        a.Board == b.Board && a.Period == b.Period && a.Entries.SequenceEqual(b.Entries);

    /// <summary>Every <c>leaderboard.changed</c> the watcher heard so far, all of it delivered (a ping as the barrier).</summary>
    private async Task<List<LeaderboardChanged>> ChangesAsync()
    {
        await _heard.SettleAsync();
        return [.. _heard.Of(Methods.LeaderboardChanged).Select(n => n.Read(GameJsonContext.Default.LeaderboardChanged))];
    }

    /// <summary>One step that surely moves (the spawn may be at an edge), so the mover has a score.</summary>
    private static async Task MoveAwayFromTheEdgesAsync(GameClient mover)
    {
        var at = await mover.MoveAsync(0, 0);
        await mover.MoveAsync(at.PositionX < 1 ? 1 : -1, 0);
    }
}
