using System.Net.WebSockets;
using System.Text.Json;
using GameServer.Players;
using GameServer.Realtime;
using Microsoft.Extensions.DependencyInjection;
using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.Players;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Players;

/// <summary>What a patch carries (partial, whole and compact entries) and moves sent as notifications.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class PlayerPatchTests
{
    private static readonly TimeSpan Patch = TimeSpan.FromMilliseconds(50);
    private VirtualClock _clock = null!;
    private InProcessServer _server = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new VirtualClock();

        // Two moves a second and a clock that stands still: the third move in a row is refused.
        _server = await InProcessServer.StartAsync(_clock.Register, "--World:Width=10", "--World:Height=10", "--World:MaxMovesPerSecond=2");
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task A_move_sent_as_a_notification_is_applied_and_gets_no_reply()
    {
        await using var raw = await RawSocket.ConnectAsync(_server.WebSocketUri);
        var user = (await raw.CallAsync(Register(1))).GetProperty("result").GetProperty("user").GetProperty("id").GetInt32();
        var before = await OwnPlayerAsync(raw, user);

        // Towards the middle: a player spawned on the edge would have a step outwards clamped.
        var (dx, dy) = (before.PositionX < 5 ? 0.5 : -0.5, before.PositionY < 5 ? 0.25 : -0.25);
        await raw.SendTextAsync(FormattableString.Invariant($$$"""{"jsonrpc":"2.0","method":"players.move","params":{"dx":{{{dx}}},"dy":{{{dy}}}}}"""));
        var next = await raw.CallAsync("""{"jsonrpc":"2.0","id":"barrier","method":"system.ping"}""");
        var after = await OwnPlayerAsync(raw, user);

        Assert.That(next.GetProperty("id").GetString(), Is.EqualTo("barrier"), "the frame after the move answers the ping: the move got nothing");
        Assert.That((after.PositionX, after.PositionY), Is.EqualTo((before.PositionX + dx, before.PositionY + dy)));
    }

    [Test]
    public async Task Refused_notifications_are_counted_not_answered()
    {
        var (client, _) = await _server.ConnectAsUserAsync();
        var before = await client.CallAsync(Methods.SystemInfo, GameJsonContext.Default.ServerInfo);

        for (var i = 0; i < 5; i++)
        {
            await client.SendMoveAsync(0.1, 0.1);
        }

        await client.NotifyAsync(Methods.PlayersMove, new MoveParams(5, 0), GameJsonContext.Default.MoveParams);
        var after = await client.CallAsync(Methods.SystemInfo, GameJsonContext.Default.ServerInfo);

        Assert.That(after.NotificationsRefused - before.NotificationsRefused, Is.EqualTo(4), "three over the rate of two, one step out of range");
    }

    [Test]
    public async Task A_compact_subscription_gets_moves_as_arrays_and_presence_as_objects()
    {
        var (walker, walkerAuth) = await _server.ConnectAsUserAsync();
        var (watcher, _) = await _server.ConnectAsUserAsync();
        await walker.MoveAsync(0, 0);
        await _clock.AdvanceAsync(_server, Patch, Patch);
        var view = new PlayerView();
        var snapshot = await watcher.SubscribePlayersAsync(view, new PlayersSubscribeParams(Compact: true));
        var log = new NotificationLog(watcher);
        var start = snapshot.Players.Single(p => p.User == walkerAuth.User.Id);

        var dx = start.PositionX < 5 ? 0.123456 : -0.123456;
        var moved = await walker.MoveAsync(dx, 0.987654 * (start.PositionY < 5 ? 1 : -1));
        var movedEntries = await PatchAsync(log, view);
        await _server.DisconnectAsync(walker);
        var offlineEntries = await PatchAsync(log, view);

        Assert.That(movedEntries.Single().GetRawText(), Is.EqualTo(JsonSerializer.Serialize(new[] { start.Id, Math.Round(moved.PositionX, 2), Math.Round(moved.PositionY, 2) })));
        Assert.That(offlineEntries.Single().GetRawText(), Is.EqualTo($$"""{"id":{{start.Id}},"online":false}"""));
        Assert.That(view.Find(start.Id), Is.EqualTo(start with { PositionX = Math.Round(moved.PositionX, 2), PositionY = Math.Round(moved.PositionY, 2), Online = false }));
    }

    [Test]
    public async Task A_player_new_to_the_world_arrives_whole_at_every_subscriber()
    {
        var (watcher, _) = await _server.ConnectAsUserAsync();
        await _clock.AdvanceAsync(_server, Patch, Patch);
        await watcher.SubscribePlayersAsync();
        var log = new NotificationLog(watcher);

        var (_, newcomer) = await _server.ConnectAsUserAsync();
        var entries = await PatchAsync(log);

        var entry = entries.Single().Deserialize(GameJsonContext.Default.PlayerInfo)!;
        Assert.That((entry.User, entry.Username, entry.Online), Is.EqualTo((newcomer.User.Id, newcomer.User.Username, true)));
    }

    [Test]
    public async Task A_step_into_a_wall_changes_nothing_and_sends_nothing()
    {
        var (walker, _) = await _server.ConnectAsUserAsync();
        var (watcher, _) = await _server.ConnectAsUserAsync();
        await _clock.AdvanceAsync(_server, Patch, Patch);
        await watcher.SubscribePlayersAsync();
        var log = new NotificationLog(watcher);

        await walker.MoveAsync(0, 0);
        var entries = await PatchAsync(log);

        Assert.That(entries, Is.Empty);
    }

    [Test]
    public async Task A_patch_made_before_the_snapshot_is_queued_follows_it()
    {
        var (walker, walkerAuth) = await _server.ConnectAsUserAsync();
        var (_, watcherAuth) = await _server.ConnectAsUserAsync();
        await _clock.AdvanceAsync(_server, Patch, Patch);
        var feed = _server.Services.GetRequiredService<PlayerFeed>();
        var sessions = _server.Services.GetRequiredService<SessionRegistry>();
        var session = sessions.Open(WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true }), null, "test");
        session.SignIn(new SessionUser(watcherAuth.User.Id, watcherAuth.User.Username, IsAdmin: false), "test");
        var start = (await walker.ListPlayersAsync()).Single(p => p.User == walkerAuth.User.Id);

        // The handler has run, the dispatcher has not yet queued its answer, and a patch comes in between.
        feed.Subscribe(session, radius: null);
        await walker.MoveAsync(start.PositionX < 5 ? 1 : -1, 0);
        feed.Publish();
        var queuedBeforeAnswer = session.QueuedBytes;
        session.Answered();
        var queuedAfterAnswer = session.QueuedBytes;
        sessions.Close(session);

        Assert.That(queuedBeforeAnswer, Is.Zero, "the patch waits for the snapshot");
        Assert.That(queuedAfterAnswer, Is.GreaterThan(0), "and follows it");
    }

    [Test]
    public async Task The_patch_job_sleeps_while_nothing_changes_and_a_move_wakes_it_on_its_beat()
    {
        var (walker, walkerAuth) = await _server.ConnectAsUserAsync();
        var (watcher, _) = await _server.ConnectAsUserAsync();
        await watcher.SubscribePlayersAsync();
        await _clock.AdvanceAsync(_server, Patch * 3, Patch);
        var asleep = await PatchJobAsync(watcher);
        await _clock.AdvanceAsync(_server, Patch * 20, Patch);
        var stillAsleep = await PatchJobAsync(watcher);
        var log = new NotificationLog(watcher);
        var start = (await walker.ListPlayersAsync()).Single(p => p.User == walkerAuth.User.Id);

        var moved = await walker.MoveAsync(start.PositionX < 5 ? 1 : -1, 0);
        var woken = await PatchJobAsync(watcher);
        var entries = await PatchAsync(log);

        Assert.That(asleep.NextDue, Is.Null, "the logins were patched; since then nothing changed");
        Assert.That(stillAsleep.Runs, Is.EqualTo(asleep.Runs), "no run while nothing changes");
        Assert.That(woken.NextDue, Is.GreaterThan(_clock.Now - Patch).And.LessThanOrEqualTo(_clock.Now + Patch), "woken for its next beat");
        Assert.That(entries.Single().GetRawText(), Is.EqualTo(FormattableString.Invariant($$"""{"id":{{start.Id}},"position_x":{{moved.PositionX}}}""")));
    }

    private static async Task<JobInfo> PatchJobAsync(GameClient client) =>
        (await client.InfoAsync()).Jobs.Single(j => j.Name == "world-patches");

    private static string Register(int id) =>
        $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"auth.register","params":{"username":"{{{Some.Username("raw")}}}","password":"correct horse battery"}}""";

    private static async Task<PlayerInfo> OwnPlayerAsync(RawSocket raw, int user)
    {
        var answer = await raw.CallAsync("""{"jsonrpc":"2.0","id":"list","method":"players.list"}""");
        return answer.GetProperty("result").Deserialize(GameJsonContext.Default.IReadOnlyListPlayerInfo)!.Single(p => p.User == user);
    }

    private async Task<IReadOnlyList<JsonElement>> PatchAsync(NotificationLog log, PlayerView? view = null)
    {
        await _clock.AdvanceAsync(_server, Patch, Patch);
        await log.SettleAsync();
        foreach (var notification in log.Of(Methods.PlayersUpdated))
        {
            view?.Apply(notification);
        }

        var entries = log.Of(Methods.PlayersUpdated).SelectMany(n => n.Params.GetProperty("players").EnumerateArray()).ToList();
        log.Clear();
        return entries;
    }
}
