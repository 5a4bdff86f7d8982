using GameServer.Protocol.Leaderboards;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Leaderboards;

/// <summary>The boards count the game as the server plays it: moves applied, monsters defeated, gifts given.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class LeaderboardEventsTests
{
    private FakeTimeProvider _time = null!;
    private VirtualClock _jobs = null!;
    private InProcessServer _server = null!;

    [SetUp]
    public async Task Start()
    {
        // One clock for the boards' weeks and the jobs alike.
        _jobs = new VirtualClock(Boards.Wednesday);
        _time = _jobs.Time;
        _server = await InProcessServer.StartAsync(
            services =>
            {
                _jobs.Register(services);
            },
            "--World:Width=20", "--World:Height=20", "--World:MaxMovesPerSecond=1000", "--Monsters:Count=0", "--Gifts:Enabled=true");
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Distance_walked_is_what_the_server_applied_not_what_was_asked()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(0, 5);
        var before = (await player.LeaderboardMeAsync(LeaderboardBoards.DistanceWalked)).Score;

        await player.MoveAsync(-1, 0);
        await player.MoveAsync(1, 0);
        await player.MoveAsync(1, 1);
        await player.MoveAsync(-0.5, 0);

        var all = await player.LeaderboardMeAsync(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.All);
        var week = await player.LeaderboardMeAsync(LeaderboardBoards.DistanceWalked, LeaderboardPeriods.Week);
        Assert.That(all.Score - before, Is.EqualTo(1 + Math.Sqrt(2) + 0.5).Within(1e-9), "the step against the edge moved nothing");
        Assert.That(week.Score, Is.EqualTo(all.Score), "all of it this week");
        Assert.That(all.Rank, Is.EqualTo(1));
    }

    [Test]
    public async Task A_defeat_counts_for_the_player_who_struck_the_last_blow()
    {
        var (admin, _) = await _server.ConnectAsAdminAsync();
        var (striker, strikerAuth) = await _server.ConnectAsUserAsync();
        var (bystander, _) = await _server.ConnectAsUserAsync();
        var at = await striker.MoveAsync(0, 0);
        var monster = await admin.CreateMonsterAsync(at.PositionX, at.PositionY, healthPoints: 1);

        await striker.HitMonsterAsync(monster.Id);

        var top = await bystander.LeaderboardTopAsync(LeaderboardBoards.MonstersDefeated, LeaderboardPeriods.Week);
        Assert.That(top.Entries, Is.EqualTo(new[] { new LeaderboardEntry(1, strikerAuth.User.Id, strikerAuth.User.Username, 1) }));
        Assert.That((await bystander.LeaderboardMeAsync(LeaderboardBoards.MonstersDefeated)).Rank, Is.Null);
    }

    [Test]
    public async Task Each_gift_run_counts_one_gift_for_each_user_given_one()
    {
        var (first, firstAuth) = await _server.ConnectAsUserAsync();
        var (_, secondAuth) = await _server.ConnectAsUserAsync();

        await _jobs.AdvanceAsync(_server, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));

        var top = await first.LeaderboardTopAsync(LeaderboardBoards.GiftsReceived);
        Assert.That(top.Entries.Select(e => (e.User, e.Score)), Is.EqualTo(new[] { (firstAuth.User.Id, 3.0), (secondAuth.User.Id, 3.0) }),
            "both got three; the first was given each one first");
    }
}
