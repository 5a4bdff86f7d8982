using GameServer.Leaderboards;
using GameServer.Protocol.Leaderboards;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Leaderboards;

/// <summary>Scores saved in batches by the job, and the boards rebuilt from the store at start-up.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class LeaderboardStorageTests
{
    private FakeTimeProvider _time = null!;
    private VirtualClock _jobs = null!;
    private InProcessServer _server = null!;
    private Action? _beforeNextStart;

    [SetUp]
    public async Task Start()
    {
        // One clock for the boards' weeks and the jobs alike.
        _jobs = new VirtualClock(Boards.Wednesday);
        _time = _jobs.Time;
        _server = await InProcessServer.StartAsync(
            services =>
            {
                // A restart builds the server again: the moment to move the clock while no server runs.
                _beforeNextStart?.Invoke();
                _beforeNextStart = null;
                _jobs.Register(services);
            },
            "--World:MaxMovesPerSecond=1000");
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task The_job_writes_the_changed_scores_every_five_seconds()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();
        await StepAsync(player);
        var store = _server.Services.GetRequiredService<ILeaderboardStore>();

        await _jobs.AdvanceAsync(_server, TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1));
        Assert.That(store.InPeriod("all"), Is.Empty, "not before the interval");

        await _jobs.AdvanceAsync(_server, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1));
        var score = (await player.LeaderboardMeAsync(LeaderboardBoards.DistanceWalked)).Score;
        Assert.That(store.InPeriod("all").Select(s => (s.Board, s.User, s.Score)), Is.EqualTo(new[] { ("distance_walked", auth.User.Id, score) }));
        Assert.That(store.InPeriod("2030-W01").Select(s => (s.Board, s.User, s.Score)), Is.EqualTo(new[] { ("distance_walked", auth.User.Id, score) }));
    }

    [Test]
    public async Task The_boards_and_their_ties_are_rebuilt_from_the_store_after_a_restart()
    {
        var (first, firstAuth) = await _server.ConnectAsUserAsync();
        var (_, secondAuth) = await _server.ConnectAsUserAsync();
        var boards = _server.Services.GetRequiredService<LeaderboardService>();
        boards.Count(LeaderboardBoard.MonstersDefeated, firstAuth.User.Id, 2);
        boards.Count(LeaderboardBoard.MonstersDefeated, secondAuth.User.Id, 1);
        var before = await first.LeaderboardTopAsync(LeaderboardBoards.MonstersDefeated, LeaderboardPeriods.Week);

        _server = await _server.RestartAsync();
        boards = _server.Services.GetRequiredService<LeaderboardService>();
        (first, _) = await _server.ConnectAsUserAsync();
        Assert.That(await first.LeaderboardTopAsync(LeaderboardBoards.MonstersDefeated, LeaderboardPeriods.Week), Is.EqualTo(before).Using<LeaderboardPage>(SamePage));

        boards.Count(LeaderboardBoard.MonstersDefeated, secondAuth.User.Id, 1);
        var all = await first.LeaderboardTopAsync(LeaderboardBoards.MonstersDefeated);
        Assert.That(all.Entries.Select(e => (e.User, e.Score)), Is.EqualTo(new[] { (firstAuth.User.Id, 2.0), (secondAuth.User.Id, 2.0) }),
            "the first reached 2 before the restart, so a 2 reached after it ranks below");
    }

    [Test]
    public async Task Last_week_is_rebuilt_as_last_week_when_the_server_restarts_in_a_new_week()
    {
        var (_, auth) = await _server.ConnectAsUserAsync();
        _server.Services.GetRequiredService<LeaderboardService>().Count(LeaderboardBoard.GiftsReceived, auth.User.Id, 3);

        _beforeNextStart = () => _time.SetUtcNow(new DateTimeOffset(2030, 1, 8, 9, 0, 0, TimeSpan.Zero));
        _server = await _server.RestartAsync();

        var (reader, _) = await _server.ConnectAsUserAsync();
        Assert.That((await reader.LeaderboardTopAsync(LeaderboardBoards.GiftsReceived, LeaderboardPeriods.Week)).Total, Is.Zero);
        Assert.That((await reader.LeaderboardTopAsync(LeaderboardBoards.GiftsReceived, LeaderboardPeriods.LastWeek)).Entries.Select(e => (e.User, e.Score)),
            Is.EqualTo(new[] { (auth.User.Id, 3.0) }));
    }

    private static bool SamePage(LeaderboardPage a, LeaderboardPage b) =>
        a.Board == b.Board && a.Period == b.Period && a.Total == b.Total && a.Entries.SequenceEqual(b.Entries);

    private static async Task StepAsync(Protocol.Client.GameClient player)
    {
        var at = await player.MoveAsync(0, 0);
        await player.MoveAsync(at.PositionX < 1 ? 1 : -1, 0);
    }
}
