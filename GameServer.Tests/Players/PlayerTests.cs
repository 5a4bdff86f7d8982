using System.Text.Json;
using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;

namespace GameServer.Tests.Players;

/// <summary>Players in a 10 × 10 world whose patches go out only when the test advances the clock.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class PlayerTests
{
    private static readonly TimeSpan Patch = TimeSpan.FromMilliseconds(50);
    private VirtualClock _clock = null!;
    private InProcessServer _server = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new VirtualClock();
        _server = await InProcessServer.StartAsync(_clock.Register, "--World:Width=10", "--World:Height=10", "--World:MaxMovesPerSecond=1000");
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Registration_puts_a_player_inside_the_world()
    {
        var (client, auth) = await _server.ConnectAsUserAsync();

        var me = (await client.ListPlayersAsync()).Single(p => p.User == auth.User.Id);

        Assert.That(me.Username, Is.EqualTo(auth.User.Username));
        Assert.That(me.PositionX, Is.InRange(0, 10));
        Assert.That(me.PositionY, Is.InRange(0, 10));
        Assert.That(me.Online, Is.True);
    }

    [Test]
    public async Task Three_clients_see_each_other_move()
    {
        var (alice, aliceAuth) = await _server.ConnectAsUserAsync();
        var (bob, _) = await _server.ConnectAsUserAsync();
        var (carol, _) = await _server.ConnectAsUserAsync();
        var bobLog = new NotificationLog(bob);
        var carolLog = new NotificationLog(carol);
        var bobView = new PlayerView();
        var carolView = new PlayerView();
        var snapshot = await bob.SubscribePlayersAsync(bobView, new PlayersSubscribeParams());
        await carol.SubscribePlayersAsync(carolView, new PlayersSubscribeParams());
        var start = snapshot.Players.Single(p => p.User == aliceAuth.User.Id);

        var moved = await alice.MoveAsync(start.PositionX < 5 ? 1 : -1, 0);
        await _clock.AdvanceAsync(_server, Patch, Patch);
        await bobLog.SettleAsync();
        await carolLog.SettleAsync();

        Assert.That(snapshot.Players, Has.Count.EqualTo(3));
        foreach (var (log, view) in new[] { (bobLog, bobView), (carolLog, carolView) })
        {
            foreach (var notification in log.Of(Methods.PlayersUpdated))
            {
                view.Apply(notification);
            }

            Assert.That(view.Find(start.Id), Is.EqualTo(start with { PositionX = moved.PositionX, PositionY = moved.PositionY }));
        }
    }

    [Test]
    public async Task Ten_moves_in_one_window_arrive_as_one_update_with_the_final_position()
    {
        var (walker, auth) = await _server.ConnectAsUserAsync();
        var (watcher, _) = await _server.ConnectAsUserAsync();
        await walker.WalkToAsync(0, 0);
        await _clock.AdvanceAsync(_server, Patch, Patch);
        await watcher.SubscribePlayersAsync();
        var log = new NotificationLog(watcher);

        Position last = null!;
        for (var i = 0; i < 10; i++)
        {
            last = await walker.MoveAsync(0.5, 0.25);
        }

        await _clock.AdvanceAsync(_server, Patch, Patch);
        await log.SettleAsync();

        var updates = log.Of(Methods.PlayersUpdated);
        Assert.That(updates, Has.Count.EqualTo(1));
        var own = (await walker.ListPlayersAsync()).Single(p => p.User == auth.User.Id);
        var entry = updates[0].Params.GetProperty("players").EnumerateArray().Single();
        Assert.That(entry.GetRawText(), Is.EqualTo($$"""{"id":{{own.Id}},"position_x":5,"position_y":2.5}"""), "a moved player it had: the id and the position only");
        Assert.That(last, Is.EqualTo(new Position(5, 2.5)));
    }

    [TestCase(-1, 0, 0.0, null, TestName = "left edge")]
    [TestCase(1, 0, 10.0, null, TestName = "right edge")]
    [TestCase(0, -1, null, 0.0, TestName = "top edge")]
    [TestCase(0, 1, null, 10.0, TestName = "bottom edge")]
    public async Task Moves_are_clamped_at_every_edge(double dx, double dy, double? x, double? y)
    {
        var (client, _) = await _server.ConnectAsUserAsync();

        Position position = null!;
        for (var i = 0; i < 12; i++)
        {
            position = await client.MoveAsync(dx, dy);
        }

        if (x is not null)
        {
            Assert.That(position.PositionX, Is.EqualTo(x));
        }

        if (y is not null)
        {
            Assert.That(position.PositionY, Is.EqualTo(y));
        }
    }

    [TestCase(1.5, 0, "dx")]
    [TestCase(0, -2, "dy")]
    public async Task Steps_outside_minus_one_to_one_are_refused(double dx, double dy, string field)
    {
        var (client, auth) = await _server.ConnectAsUserAsync();
        var before = (await client.ListPlayersAsync()).Single(p => p.User == auth.User.Id);

        var error = Assert.ThrowsAsync<GameRpcException>(() => client.MoveAsync(dx, dy));
        var after = (await client.ListPlayersAsync()).Single(p => p.User == auth.User.Id);

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Field, Is.EqualTo(field));
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task A_radius_subscription_sees_a_player_arrive_follows_it_and_sees_it_leave()
    {
        var (watcher, watcherAuth) = await _server.ConnectAsUserAsync();
        var (walker, walkerAuth) = await _server.ConnectAsUserAsync();
        await watcher.WalkToAsync(0, 0);
        await walker.WalkToAsync(10, 10);
        await _clock.AdvanceAsync(_server, Patch, Patch);

        var snapshot = await watcher.SubscribePlayersAsync(radius: 3);
        var log = new NotificationLog(watcher);
        Assert.That(snapshot.Players.Select(p => p.User), Is.EqualTo(new[] { watcherAuth.User.Id }), "only the subscriber is within 3");

        await walker.WalkToAsync(2, 2);
        var arrived = await PatchAsync(log);
        await walker.MoveAsync(-1, -1);
        var followed = await PatchAsync(log);
        await walker.WalkToAsync(4, 4);
        var left = await PatchAsync(log);
        await walker.MoveAsync(1, 0);
        var afterLeaving = await PatchAsync(log);

        var walkerId = arrived.Updated.Single().GetProperty("id").GetInt32();
        Assert.That(arrived.Updated.Single().Deserialize(GameJsonContext.Default.PlayerInfo), Is.EqualTo(new PlayerInfo(walkerId, walkerAuth.User.Id, walkerAuth.User.Username, 2, 2, true)), "it arrives in full");
        Assert.That(followed.Updated.Single().GetRawText(), Is.EqualTo($$"""{"id":{{walkerId}},"position_x":1,"position_y":1}"""), "then as what changed");
        Assert.That(left.LeftIds, Is.EqualTo(new[] { walkerId }));
        Assert.That(left.Updated, Is.Empty);
        Assert.That(afterLeaving.Updated, Is.Empty, "nothing more of it once it has left");
        Assert.That(afterLeaving.LeftIds, Is.Empty, "left_view is announced once");
    }

    [Test]
    public async Task A_radius_subscription_follows_its_own_player()
    {
        var (watcher, _) = await _server.ConnectAsUserAsync();
        var (other, otherAuth) = await _server.ConnectAsUserAsync();
        await watcher.WalkToAsync(0, 0);
        await other.WalkToAsync(5, 5);
        await _clock.AdvanceAsync(_server, Patch, Patch);
        await watcher.SubscribePlayersAsync(radius: 3);
        var log = new NotificationLog(watcher);

        await watcher.WalkToAsync(4, 4);
        var approached = await PatchAsync(log);
        await watcher.WalkToAsync(0, 0);
        var walkedAway = await PatchAsync(log);

        Assert.That(approached.Updated.Select(p => p.TryGetProperty("user", out var user) ? user.GetInt32() : 0), Does.Contain(otherAuth.User.Id), "the other player comes into view, whole, though it did not move");
        Assert.That(walkedAway.LeftIds, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_player_goes_offline_when_its_last_device_disconnects()
    {
        var (phone, auth) = await _server.ConnectAsUserAsync();
        var laptop = await _server.ConnectAsync();
        await laptop.ResumeAsync(auth.Token);
        var (watcher, _) = await _server.ConnectAsUserAsync();
        await _clock.AdvanceAsync(_server, Patch, Patch);
        var snapshot = await watcher.SubscribePlayersAsync();
        var log = new NotificationLog(watcher);
        var id = snapshot.Players.Single(p => p.User == auth.User.Id).Id;

        var oneLeft = await DisconnectAndPatchAsync(log, phone);
        var noneLeft = await DisconnectAndPatchAsync(log, laptop);

        Assert.That(oneLeft.Updated.Where(p => p.GetProperty("id").GetInt32() == id), Is.Empty, "still online on the laptop: nothing changed");
        Assert.That(noneLeft.Updated.Single(p => p.GetProperty("id").GetInt32() == id).GetRawText(), Is.EqualTo($$"""{"id":{{id}},"online":false}"""));
        Assert.That((await watcher.ListPlayersAsync()).Single(p => p.User == auth.User.Id).Online, Is.False);
    }

    [Test]
    public async Task A_dashboard_connection_does_not_put_the_player_online()
    {
        var (registering, auth) = await _server.ConnectAsUserAsync();
        await _server.DisconnectAsync(registering);
        var dashboard = await _server.ConnectAsync();
        var (watcher, _) = await _server.ConnectAsUserAsync();

        await dashboard.CallAsync(Methods.AuthResume, new ResumeParams(auth.Token, InWorld: false), GameJsonContext.Default.ResumeParams, GameJsonContext.Default.AuthResult);
        var whileOnlyTheDashboard = (await watcher.ListPlayersAsync()).Single(p => p.User == auth.User.Id);
        var game = await _server.ConnectAsync();
        await game.ResumeAsync(auth.Token);
        var whilePlaying = (await watcher.ListPlayersAsync()).Single(p => p.User == auth.User.Id);
        await _server.DisconnectAsync(game);
        var afterPlaying = (await watcher.ListPlayersAsync()).Single(p => p.User == auth.User.Id);

        Assert.That(whileOnlyTheDashboard.Online, Is.False, "a dashboard is not a player in the world");
        Assert.That(whilePlaying.Online, Is.True);
        Assert.That(afterPlaying.Online, Is.False, "the dashboard still open does not keep the player online");
    }

    [Test]
    public async Task Positions_survive_a_restart()
    {
        var (client, auth) = await _server.ConnectAsUserAsync();
        var moved = await client.WalkToAsync(3, 7);

        _server = await _server.RestartAsync();
        var (other, _) = await _server.ConnectAsUserAsync();

        var restored = (await other.ListPlayersAsync()).Single(p => p.User == auth.User.Id);
        Assert.That(new Position(restored.PositionX, restored.PositionY), Is.EqualTo(moved));
        Assert.That(restored.Online, Is.False);
    }

    /// <summary>The entries of the patch as sent: whole or partial, see <see cref="PlayerEntries"/>.</summary>
    private async Task<(IReadOnlyList<JsonElement> Updated, IReadOnlyList<int> LeftIds)> PatchAsync(NotificationLog log)
    {
        await _clock.AdvanceAsync(_server, Patch, Patch);
        await log.SettleAsync();
        var updated = log.Of(Methods.PlayersUpdated).SelectMany(n => n.Params.GetProperty("players").EnumerateArray()).ToList();
        var left = log.Of(Methods.PlayersLeftView).SelectMany(n => n.Read(GameJsonContext.Default.PlayersLeftView).Ids).ToList();
        log.Clear();
        return (updated, left);
    }

    private async Task<(IReadOnlyList<JsonElement> Updated, IReadOnlyList<int> LeftIds)> DisconnectAndPatchAsync(NotificationLog log, GameClient device)
    {
        await _server.DisconnectAsync(device);
        return await PatchAsync(log);
    }
}
