using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Monsters;

/// <summary>
/// <c>monsters.subscribe {radius}</c> through the real server, patches on the virtual clock: monsters
/// arrive in range, are followed with partial entries, leave with <c>monsters.left_view</c> and come
/// back whole; the area follows the subscriber's own player.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class MonsterRadiusTests
{
    private static readonly TimeSpan Patch = TimeSpan.FromMilliseconds(50);
    private VirtualClock _clock = null!;
    private InProcessServer _server = null!;
    private GameClient _admin = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new VirtualClock();

        // No ticks: monsters move only when the admin moves them, so each patch holds exactly that.
        _server = await InProcessServer.StartAsync(
            _clock.Register, "--World:Width=40", "--World:Height=40", "--World:MaxMovesPerSecond=1000", "--Monsters:Count=0");
        (_admin, _) = await _server.ConnectAsAdminAsync();
        await _admin.WalkToAsync(39, 39);
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Monsters_arrive_in_range_are_followed_leave_with_left_view_and_come_back_whole()
    {
        var near = await _admin.CreateMonsterAsync(8, 5);
        var far = await _admin.CreateMonsterAsync(30, 30);
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(5, 5);

        // New to the world since the last patch, they would be whole in the next one: that patch is before the subscription.
        await _clock.AdvanceAsync(_server, Patch, Patch);
        var (view, log) = Watch(player);
        var snapshot = await player.SubscribeMonstersAsync(view, new MonstersSubscribeParams(Radius: 10, Partial: true));

        await _admin.UpdateMonsterAsync(near.Id, positionX: 9, positionY: 6);
        var followed = await PatchAsync(player, log);
        await _admin.UpdateMonsterAsync(far.Id, positionX: 7, positionY: 7);
        var arrived = await PatchAsync(player, log);
        await _admin.UpdateMonsterAsync(near.Id, positionX: 30, positionY: 5);
        var left = await PatchAsync(player, log);
        var inViewAfterLeaving = Ids(view);
        await _admin.UpdateMonsterAsync(near.Id, healthPoints: 7);
        var unseen = await PatchAsync(player, log);
        await _admin.UpdateMonsterAsync(near.Id, positionX: 6, positionY: 6);
        var back = await PatchAsync(player, log);

        Assert.That(snapshot.Monsters.Select(m => m.Id), Is.EqualTo(new[] { near.Id }), "only the monster in range");
        Assert.That(Entries(followed), Is.EqualTo(new[] { $$"""{"id":{{near.Id}},"position_x":9,"position_y":6}""" }), "a monster in view: its id and what changed");
        Assert.That(Entries(arrived), Is.EqualTo(new[] { $$"""{"id":{{far.Id}},"state":"wandering","state_code":10,"state_display":"wandering","health_points":10,"user_being_attacked":null,"position_x":7,"position_y":7}""" }), "new in view: whole");
        Assert.That(LeftView(left), Is.EqualTo(new[] { near.Id }));
        Assert.That(inViewAfterLeaving, Is.EqualTo(new[] { far.Id }));
        Assert.That(unseen, Is.Empty, "a change out of range is not sent");
        Assert.That(Entries(back), Is.EqualTo(new[] { $$"""{"id":{{near.Id}},"state":"wandering","state_code":10,"state_display":"wandering","health_points":7,"user_being_attacked":null,"position_x":6,"position_y":6}""" }), "back in view: whole, with what changed while away");
        Assert.That(view.Monsters.OrderBy(m => m.Id), Is.EqualTo(await InRangeAsync(5, 5, 10)), "the view is the world within the radius");
    }

    [Test]
    public async Task The_area_follows_the_subscribers_own_player()
    {
        var ahead = await _admin.CreateMonsterAsync(20, 5);
        var behind = await _admin.CreateMonsterAsync(2, 5);
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(5, 5);
        var (view, log) = Watch(player);
        var snapshot = await player.SubscribeMonstersAsync(view, new MonstersSubscribeParams(Radius: 5, Partial: true));

        await player.WalkToAsync(15, 5);
        var walked = await PatchAsync(player, log);

        Assert.That(snapshot.Monsters.Select(m => m.Id), Is.EqualTo(new[] { behind.Id }));
        Assert.That(walked.Where(n => n.Method == Methods.MonstersUpdated).SelectMany(n => n.Read(GameJsonContext.Default.MonsterList).Monsters).Select(m => m.Id), Is.EqualTo(new[] { ahead.Id }), "come into view whole");
        Assert.That(LeftView(walked), Is.EqualTo(new[] { behind.Id }));
        Assert.That(view.Monsters.Select(m => m.Id), Is.EqualTo(new[] { ahead.Id }));
    }

    [Test]
    public async Task A_defeated_monster_in_view_is_removed_and_one_out_of_view_is_not_told()
    {
        var prey = await _admin.CreateMonsterAsync(6, 5, healthPoints: 2);
        var elsewhere = await _admin.CreateMonsterAsync(35, 35);
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(5, 5);
        var (view, log) = Watch(player);
        await player.SubscribeMonstersAsync(view, new MonstersSubscribeParams(Radius: 10, Partial: true));

        await player.HitMonsterAsync(prey.Id);
        await _admin.DeleteMonsterAsync(elsewhere.Id);
        var patch = await PatchAsync(player, log);

        Assert.That(patch.Where(n => n.Method == Methods.MonstersRemoved).SelectMany(n => n.Read(GameJsonContext.Default.MonstersRemoved).Ids), Is.EqualTo(new[] { prey.Id }));
        Assert.That(LeftView(patch), Is.Empty);
        Assert.That(view.Count, Is.Zero);
    }

    [Test]
    public async Task Without_radius_the_whole_world_gets_whole_entries_as_before()
    {
        var monster = await _admin.CreateMonsterAsync(8, 5);
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(5, 5);
        var log = new NotificationLog(player);
        var snapshot = await player.SubscribeMonstersAsync();

        await _admin.UpdateMonsterAsync(monster.Id, positionX: 39, positionY: 39);
        await _clock.AdvanceAsync(_server, Patch, Patch);
        await log.SettleAsync();

        Assert.That(snapshot.Monsters.Select(m => m.Id), Is.EqualTo(new[] { monster.Id }));
        Assert.That(log.Of(Methods.MonstersUpdated).Single().Read(GameJsonContext.Default.MonsterList).Monsters, Is.EqualTo(new[] { monster with { PositionX = 39, PositionY = 39 } }));
        Assert.That(log.Of(Methods.MonstersLeftView), Is.Empty);
    }

    [Test]
    public async Task A_radius_beyond_MaxRadius_is_refused()
    {
        var (player, _) = await _server.ConnectAsUserAsync();

        var refused = Assert.ThrowsAsync<GameRpcException>(() => player.SubscribeMonstersAsync(new MonstersSubscribeParams(Radius: 1e11)));

        Assert.That((refused.Code, refused.Field), Is.EqualTo((ErrorCodes.InvalidParams, "radius")));
    }

    private static (MonsterView View, List<GameNotification> Log) Watch(GameClient client)
    {
        var view = new MonsterView();
        var log = new List<GameNotification>();

        // On the receive loop, in order with the snapshot that resets the view.
        client.NotificationReceived += n =>
        {
            lock (log)
            {
                view.Apply(n);
                log.Add(n);
            }
        };
        return (view, log);
    }

    /// <summary>One patch on the virtual clock, then a ping as a barrier: what that patch told the client.</summary>
    private async Task<List<GameNotification>> PatchAsync(GameClient client, List<GameNotification> log)
    {
        lock (log)
        {
            log.Clear();
        }

        await _clock.AdvanceAsync(_server, Patch, Patch);
        await client.PingAsync();
        lock (log)
        {
            return [.. log];
        }
    }

    private static List<string> Entries(List<GameNotification> patch) =>
        [.. patch.Where(n => n.Method == Methods.MonstersUpdated).SelectMany(n => n.Params.GetProperty("monsters").EnumerateArray()).Select(e => e.GetRawText())];

    private static List<int> LeftView(List<GameNotification> patch) =>
        [.. patch.Where(n => n.Method == Methods.MonstersLeftView).SelectMany(n => n.Read(GameJsonContext.Default.MonstersLeftView).Ids)];

    private static List<int> Ids(MonsterView view) => [.. view.Monsters.Select(m => m.Id).Order()];

    private async Task<List<Monster>> InRangeAsync(double x, double y, double radius) =>
        [.. (await _admin.ListMonstersAsync()).Where(m => Math.Pow(m.PositionX - x, 2) + Math.Pow(m.PositionY - y, 2) <= radius * radius).OrderBy(m => m.Id)];
}
