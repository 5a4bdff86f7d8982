using GameServer.Protocol;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Gifts;

/// <summary>The gift job in the real server, on a virtual clock: exact runs, no waiting.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class GiftJobTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private VirtualClock _clock = null!;
    private InProcessServer _server = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new VirtualClock();
        _server = await InProcessServer.StartAsync(_clock.Register, "--Gifts:Enabled=true");
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Thirty_seconds_give_every_user_three_gifts()
    {
        var (alice, aliceAuth) = await _server.ConnectAsUserAsync();
        var (bob, bobAuth) = await _server.ConnectAsUserAsync();

        await AdvanceAsync(TimeSpan.FromSeconds(30));

        var aliceItems = (await alice.MyInventoryAsync()).Items;
        var bobItems = (await bob.MyInventoryAsync()).Items;
        Assert.That(aliceItems.Select(i => i.Name), Is.EqualTo(Enumerable.Repeat($"Gift for {aliceAuth.User.Username}", 3)));
        Assert.That(bobItems.Select(i => i.Name), Is.EqualTo(Enumerable.Repeat($"Gift for {bobAuth.User.Username}", 3)));
        Assert.That(aliceItems.Concat(bobItems).Select(i => i.Weight), Is.All.EqualTo(0.0));
        Assert.That(aliceItems.Concat(bobItems).Select(i => i.Id), Is.Unique, "every gift is a new item");
    }

    [Test]
    public async Task A_user_registered_between_runs_gets_the_next_one()
    {
        var (early, _) = await _server.ConnectAsUserAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(15));
        var (late, _) = await _server.ConnectAsUserAsync();

        await AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.That((await early.MyInventoryAsync()).Items, Has.Count.EqualTo(2));
        Assert.That((await late.MyInventoryAsync()).Items, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Nothing_is_given_before_the_first_interval_has_passed()
    {
        var (player, _) = await _server.ConnectAsUserAsync();

        await AdvanceAsync(Interval - TimeSpan.FromMilliseconds(1));

        Assert.That((await player.MyInventoryAsync()).Items, Is.Empty);
    }

    [Test]
    public async Task An_online_user_is_told_of_its_gift_and_nobody_else_is()
    {
        var (alice, aliceAuth) = await _server.ConnectAsUserAsync();
        var (bob, bobAuth) = await _server.ConnectAsUserAsync();
        var aliceHeard = new List<ItemAdded>();
        alice.NotificationReceived += n =>
        {
            if (n.Method == Methods.InventoryItemAdded)
            {
                lock (aliceHeard)
                {
                    aliceHeard.Add(n.Read(GameJsonContext.Default.ItemAdded));
                }
            }
        };
        var bobGift = bob.WaitForNotificationAsync(Methods.InventoryItemAdded);

        await AdvanceAsync(Interval);
        var gift = (await bobGift.WaitAsync(TimeSpan.FromSeconds(5))).Read(GameJsonContext.Default.ItemAdded);
        await alice.PingAsync();

        Assert.That(gift.Item.Name, Is.EqualTo($"Gift for {bobAuth.User.Username}"));
        Assert.That(gift.Inventory, Is.EqualTo((await bob.MyInventoryAsync()).Id));
        lock (aliceHeard)
        {
            Assert.That(aliceHeard.Select(a => a.Item.Name), Is.EqualTo(new[] { $"Gift for {aliceAuth.User.Username}" }), "alice hears of her own gift only");
        }
    }

    [Test]
    public async Task The_gift_job_is_listed_with_its_schedule()
    {
        var (client, _) = await _server.ConnectAsUserAsync();

        var job = (await client.InfoAsync()).Jobs.Single(j => j.Name == "gifts");

        Assert.That(job.Enabled, Is.True);
        Assert.That(job.IntervalS, Is.EqualTo(10));
    }

    // One interval at a time: a run re-arms its successor only once it has finished.
    private Task AdvanceAsync(TimeSpan time) => _clock.AdvanceAsync(_server, time, Interval);
}

/// <summary>A server whose configuration switches the gift job off never gives anything.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class GiftsSwitchedOffTests
{
    [Test]
    public async Task Gifts_Enabled_false_gives_nothing()
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(clock.Register, "--Gifts:Enabled=false");
        var (player, _) = await server.ConnectAsUserAsync();

        await clock.AdvanceAsync(server, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10));

        Assert.That((await player.MyInventoryAsync()).Items, Is.Empty);
        Assert.That((await player.InfoAsync()).Jobs.Single(j => j.Name == "gifts").Enabled, Is.False);
    }
}
