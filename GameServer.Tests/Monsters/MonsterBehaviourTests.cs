using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;

namespace GameServer.Tests.Monsters;

/// <summary>Monsters living in a 20 × 20 world whose ticks happen only when the test advances the clock.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class MonsterBehaviourTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PatchInterval = TimeSpan.FromMilliseconds(50);
    private VirtualClock _clock = null!;
    private InProcessServer _server = null!;
    private GameClient _admin = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new VirtualClock();
        _server = await InProcessServer.StartAsync(
            _clock.Register,
            "--World:Width=20", "--World:Height=20", "--World:MaxMovesPerSecond=1000",
            "--Monsters:Count=0", "--Monsters:TickEnabled=true", "--Monsters:AggroRadius=5", "--Monsters:HitReach=3",
            "--Monsters:HitDamage=2", "--Monsters:HealPerTick=1", "--Monsters:RespawnDelay=00:00:05");
        (_admin, _) = await _server.ConnectAsAdminAsync();
        await _admin.WalkToAsync(19, 0);
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task A_wandering_monster_attacks_the_nearest_player_within_its_aggro_radius()
    {
        var (near, nearAuth) = await _server.ConnectAsUserAsync();
        var (far, _) = await _server.ConnectAsUserAsync();
        await near.WalkToAsync(2, 2);
        await far.WalkToAsync(6, 6);
        var monster = await _admin.CreateMonsterAsync(3, 3);

        await TickAsync();

        var now = await _admin.GetMonsterAsync(monster.Id);
        Assert.That(now.State, Is.EqualTo("attacking"));
        Assert.That(now.UserBeingAttacked, Is.EqualTo(nearAuth.User.Id));
    }

    [Test]
    public async Task Nobody_within_the_radius_leaves_a_monster_wandering()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(0, 19);
        var monster = await _admin.CreateMonsterAsync(10, 10);

        await TickAsync(times: 3);

        Assert.That((await _admin.GetMonsterAsync(monster.Id)).State, Is.EqualTo("wandering"));
    }

    [Test]
    public async Task An_attacking_monster_follows_its_target_and_wanders_when_it_leaves_the_radius()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(2, 2);
        var monster = await _admin.CreateMonsterAsync(6, 2);
        await TickAsync();

        await TickAsync();
        var closer = await _admin.GetMonsterAsync(monster.Id);
        await player.WalkToAsync(19, 19);
        await TickAsync();
        var afterLeaving = await _admin.GetMonsterAsync(monster.Id);

        Assert.That(closer.State, Is.EqualTo("attacking"));
        Assert.That(closer.PositionX, Is.LessThan(6), "it closes in");
        Assert.That(afterLeaving.State, Is.EqualTo("wandering"));
        Assert.That(afterLeaving.UserBeingAttacked, Is.Null);
    }

    [Test]
    public async Task An_attacking_monster_wanders_when_its_target_goes_offline()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(2, 2);
        var monster = await _admin.CreateMonsterAsync(3, 2);
        await TickAsync();
        Assert.That((await _admin.GetMonsterAsync(monster.Id)).State, Is.EqualTo("attacking"));

        await _server.DisconnectAsync(player);
        await TickAsync();

        Assert.That((await _admin.GetMonsterAsync(monster.Id)).State, Is.EqualTo("wandering"));
    }

    [Test]
    public async Task Strikes_make_an_attacker_evade_then_look_for_aid_and_healing_sends_it_wandering()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(2, 2);
        var monster = await _admin.CreateMonsterAsync(3, 2);
        await TickAsync();

        var first = await player.HitMonsterAsync(monster.Id);
        var second = await player.HitMonsterAsync(monster.Id);
        var third = await player.HitMonsterAsync(monster.Id);
        await TickAsync();
        var healing = await _admin.GetMonsterAsync(monster.Id);
        await TickAsync(times: 5);
        var healed = await _admin.GetMonsterAsync(monster.Id);

        Assert.That((first.State, first.HealthPoints), Is.EqualTo(("evading", 8)), "a struck attacking monster evades");
        Assert.That((second.State, second.HealthPoints), Is.EqualTo(("evading", 6)));
        Assert.That((third.State, third.HealthPoints), Is.EqualTo(("looking_for_aid", 4)), "the post-save rule: evading with health <= 5");
        Assert.That((healing.State, healing.HealthPoints), Is.EqualTo(("looking_for_aid", 5)), "it regains health tick by tick");
        Assert.That((healed.State, healed.HealthPoints, healed.UserBeingAttacked), Is.EqualTo(("wandering", 10, (int?)null)));
    }

    [Test]
    public async Task A_monster_out_of_reach_cannot_be_struck()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(2, 2);
        var monster = await _admin.CreateMonsterAsync(10, 10);

        var error = Assert.ThrowsAsync<GameRpcException>(() => player.HitMonsterAsync(monster.Id));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.Forbidden));
        Assert.That((await _admin.GetMonsterAsync(monster.Id)).HealthPoints, Is.EqualTo(10));
    }

    [Test]
    public async Task Strikes_are_rate_limited()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(2, 2);
        var monster = await _admin.CreateMonsterAsync(2, 3, healthPoints: 10);
        await _admin.UpdateMonsterAsync(monster.Id, healthPoints: 1000);

        GameRpcException? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            try
            {
                await player.HitMonsterAsync(monster.Id);
            }
            catch (GameRpcException e)
            {
                refused = e;
            }
        }

        Assert.That(refused?.Code, Is.EqualTo(ErrorCodes.RateLimited));
    }

    [Test]
    public async Task Health_zero_defeats_the_monster_counts_for_the_player_and_it_respawns()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();
        var (watcher, _) = await _server.ConnectAsUserAsync();
        await watcher.WalkToAsync(19, 19);
        await player.WalkToAsync(2, 2);
        var monster = await _admin.CreateMonsterAsync(2, 3, healthPoints: 2);
        await watcher.SubscribeMonstersAsync();
        var log = new NotificationLog(watcher);
        var defeat = player.WaitForNotificationAsync(Methods.MonstersDefeated);

        var struck = await player.HitMonsterAsync(monster.Id);
        var told = (await defeat.WaitAsync(TimeSpan.FromSeconds(5))).Read(GameJsonContext.Default.MonsterDefeated);
        await TickAsync();
        await log.SettleAsync();
        var removed = log.Of(Methods.MonstersRemoved).SelectMany(n => n.Read(GameJsonContext.Default.MonstersRemoved).Ids).ToList();
        var listedWhileGone = await player.ListMonstersAsync();
        var again = Assert.ThrowsAsync<GameRpcException>(() => player.HitMonsterAsync(monster.Id));
        log.Clear();

        await TickAsync(times: 10);
        await log.SettleAsync();
        var back = log.Of(Methods.MonstersUpdated).SelectMany(n => n.Read(GameJsonContext.Default.MonsterList).Monsters).Where(m => m.Id == monster.Id).ToList();

        Assert.That(struck.HealthPoints, Is.Zero);
        Assert.That(told, Is.EqualTo(new MonsterDefeated(monster.Id, auth.User.Id, 1)));
        Assert.That(removed, Is.EqualTo(new[] { monster.Id }));
        Assert.That(listedWhileGone.Select(m => m.Id), Does.Not.Contain(monster.Id));
        Assert.That(again.Code, Is.EqualTo(ErrorCodes.NotFound));
        Assert.That(back, Is.Not.Empty, "it respawns after the delay");
        Assert.That((back[0].State, back[0].HealthPoints), Is.EqualTo(("wandering", 10)));
    }

    [Test]
    public async Task Changes_go_to_subscribers_once_per_tick_and_to_nobody_else()
    {
        var (subscriber, _) = await _server.ConnectAsUserAsync();
        var (bystander, _) = await _server.ConnectAsUserAsync();
        await subscriber.WalkToAsync(19, 19);
        await bystander.WalkToAsync(19, 18);
        var snapshot = await subscriber.SubscribeMonstersAsync();
        var first = await _admin.CreateMonsterAsync(5, 5);
        var second = await _admin.CreateMonsterAsync(8, 8);
        var subscriberLog = new NotificationLog(subscriber);
        var bystanderLog = new NotificationLog(bystander);

        await TickAsync();
        await subscriberLog.SettleAsync();
        await bystanderLog.SettleAsync();

        var updates = subscriberLog.Of(Methods.MonstersUpdated);
        Assert.That(snapshot.Monsters, Is.Empty);
        Assert.That(updates, Has.Count.EqualTo(1), "one batch per tick");
        Assert.That(updates[0].Read(GameJsonContext.Default.MonsterList).Monsters.Select(m => m.Id), Is.EquivalentTo(new[] { first.Id, second.Id }));
        Assert.That(bystanderLog.Of(Methods.MonstersUpdated), Is.Empty);
    }

    [Test]
    public async Task A_state_taken_in_a_tick_survives_a_restart()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();
        await player.WalkToAsync(2, 2);
        var monster = await _admin.CreateMonsterAsync(3, 2);
        await TickAsync();

        _server = await _server.RestartAsync();
        (_admin, _) = await _server.ConnectAsAdminAsync();

        var restored = await _admin.GetMonsterAsync(monster.Id);
        Assert.That((restored.State, restored.UserBeingAttacked), Is.EqualTo(("attacking", (int?)auth.User.Id)));
    }

    // In steps of the patch interval: a tick's changes are patched before the next tick, as in real time.
    private async Task TickAsync(int times = 1) => await _clock.AdvanceAsync(_server, Tick * times, PatchInterval);
}
