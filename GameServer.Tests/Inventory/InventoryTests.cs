using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Inventory;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class InventoryTests
{
    private static readonly TimeSpan NotificationTimeout = TimeSpan.FromSeconds(5);
    private InProcessServer _server = null!;
    private GameClient _admin = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync();
        (_admin, _) = await _server.ConnectAsAdminAsync();
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Every_user_has_one_empty_inventory_from_registration()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();

        var mine = await player.MyInventoryAsync();
        var all = await player.ListInventoriesAsync();

        Assert.That(mine, Is.EqualTo(mine with { User = auth.User.Id, TotalWeight = 0 }));
        Assert.That(mine.Items, Is.Empty);
        Assert.That(all.Where(i => i.User == auth.User.Id).Select(i => i.Id), Is.EqualTo(new[] { mine.Id }));
    }

    [Test]
    public async Task Inventories_filter_by_the_exact_username()
    {
        var (player, auth) = await _server.ConnectAsUserAsync("Carol_1");

        var exact = await player.ListInventoriesAsync("Carol_1");
        var otherCase = await player.ListInventoriesAsync("carol_1");
        var unknown = await player.ListInventoriesAsync("nobody_here");

        Assert.That(exact.Single().User, Is.EqualTo(auth.User.Id));
        Assert.That(otherCase, Is.Empty);
        Assert.That(unknown, Is.Empty);
    }

    [Test]
    public async Task Mine_expands_the_items_with_their_total_weight()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        var inventory = await player.MyInventoryAsync();
        var guitar = await _admin.CreateItemAsync("Guitar", 2);
        var piano = await _admin.CreateItemAsync("Piano", 10);
        await _admin.AddItemToInventoryAsync(inventory.Id, piano.Id);
        var summary = await _admin.AddItemToInventoryAsync(inventory.Id, guitar.Id);

        var mine = await player.MyInventoryAsync();

        Assert.That(summary.Items, Is.EqualTo(new[] { piano.Id, guitar.Id }));
        Assert.That(mine.Items, Is.EqualTo(new[] { guitar, piano }));
        Assert.That(mine.TotalWeight, Is.EqualTo(12.0));
        Assert.That(await player.GetInventoryAsync(inventory.Id), Is.EqualTo(summary).Using<InventorySummary>((a, b) => a.Id == b.Id && a.Items.SequenceEqual(b.Items)));
    }

    [Test]
    public async Task An_item_is_at_most_once_in_an_inventory_but_may_be_in_several()
    {
        var (_, first) = await _server.ConnectAsUserAsync();
        var (_, second) = await _server.ConnectAsUserAsync();
        var item = await _admin.CreateItemAsync("Map", 0.2);
        var firstInventory = (await _admin.ListInventoriesAsync(first.User.Username)).Single();
        var secondInventory = (await _admin.ListInventoriesAsync(second.User.Username)).Single();
        await _admin.AddItemToInventoryAsync(firstInventory.Id, item.Id);
        await _admin.AddItemToInventoryAsync(secondInventory.Id, item.Id);

        var twice = Assert.ThrowsAsync<GameRpcException>(() => _admin.AddItemToInventoryAsync(firstInventory.Id, item.Id));

        Assert.That(twice.Code, Is.EqualTo(ErrorCodes.Conflict));
        Assert.That((await _admin.GetInventoryAsync(firstInventory.Id)).Items, Is.EqualTo(new[] { item.Id }));
    }

    [Test]
    public async Task Unknown_inventories_and_items_are_not_found()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        var inventory = await player.MyInventoryAsync();
        var item = await _admin.CreateItemAsync("Torch", 1);

        var errors = new[]
        {
            Assert.ThrowsAsync<GameRpcException>(() => player.GetInventoryAsync(9999)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.AddItemToInventoryAsync(9999, item.Id)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.AddItemToInventoryAsync(inventory.Id, 9999)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.RemoveItemFromInventoryAsync(inventory.Id, item.Id)),
        };

        Assert.That(errors.Select(e => e!.Code), Is.All.EqualTo(ErrorCodes.NotFound));
    }

    [Test]
    public async Task Players_may_not_change_inventories()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        var inventory = await player.MyInventoryAsync();
        var item = await _admin.CreateItemAsync("Crown", 1);

        var add = Assert.ThrowsAsync<GameRpcException>(() => player.AddItemToInventoryAsync(inventory.Id, item.Id));
        var remove = Assert.ThrowsAsync<GameRpcException>(() => player.RemoveItemFromInventoryAsync(inventory.Id, item.Id));

        Assert.That(add.Code, Is.EqualTo(ErrorCodes.Forbidden));
        Assert.That(remove.Code, Is.EqualTo(ErrorCodes.Forbidden));
        Assert.That((await player.MyInventoryAsync()).Items, Is.Empty);
    }

    [Test]
    public async Task A_change_reaches_every_device_of_the_owner_and_nobody_else()
    {
        var (phone, auth) = await _server.ConnectAsUserAsync();
        var laptop = await _server.ConnectAsync();
        await laptop.ResumeAsync(auth.Token);
        var (stranger, _) = await _server.ConnectAsUserAsync();
        var strangerHeard = new List<GameNotification>();
        stranger.NotificationReceived += strangerHeard.Add;
        var inventory = await phone.MyInventoryAsync();
        var ring = await _admin.CreateItemAsync("Ring", 0.05);

        var phoneAdded = phone.WaitForNotificationAsync(Methods.InventoryItemAdded);
        var laptopAdded = laptop.WaitForNotificationAsync(Methods.InventoryItemAdded);
        await _admin.AddItemToInventoryAsync(inventory.Id, ring.Id);
        var added = await Task.WhenAll(phoneAdded, laptopAdded).WaitAsync(NotificationTimeout);

        var laptopRemoved = laptop.WaitForNotificationAsync(Methods.InventoryItemRemoved);
        await _admin.RemoveItemFromInventoryAsync(inventory.Id, ring.Id);
        var removed = await laptopRemoved.WaitAsync(NotificationTimeout);

        Assert.That(added.Select(n => n.Read(GameJsonContext.Default.ItemAdded)), Is.All.EqualTo(new ItemAdded(inventory.Id, ring)));
        Assert.That(removed.Read(GameJsonContext.Default.ItemRemoved), Is.EqualTo(new ItemRemoved(inventory.Id, ring.Id)));
        await stranger.PingAsync();
        Assert.That(strangerHeard, Is.Empty, "another user hears nothing of it");
    }

    [Test]
    public async Task Item_deletion_is_pushed_to_the_owners()
    {
        var (player, _) = await _server.ConnectAsUserAsync();
        var inventory = await player.MyInventoryAsync();
        var item = await _admin.CreateItemAsync("Potion", 0.3);
        await _admin.AddItemToInventoryAsync(inventory.Id, item.Id);

        var removed = player.WaitForNotificationAsync(Methods.InventoryItemRemoved);
        await _admin.DeleteItemAsync(item.Id);

        Assert.That((await removed.WaitAsync(NotificationTimeout)).Read(GameJsonContext.Default.ItemRemoved), Is.EqualTo(new ItemRemoved(inventory.Id, item.Id)));
    }

    [Test]
    public async Task An_item_edit_is_pushed_to_its_owners_and_nobody_else()
    {
        var (owner, _) = await _server.ConnectAsUserAsync();
        var (stranger, _) = await _server.ConnectAsUserAsync();
        var strangerHeard = new List<GameNotification>();
        stranger.NotificationReceived += strangerHeard.Add;
        var inventory = await owner.MyInventoryAsync();
        var lamp = await _admin.CreateItemAsync("Lamp", 1.0);
        await _admin.AddItemToInventoryAsync(inventory.Id, lamp.Id);

        var changed = owner.WaitForNotificationAsync(Methods.InventoryItemChanged);
        var updated = await _admin.UpdateItemAsync(lamp.Id, name: "Oil lamp", weight: 1.25);

        Assert.That((await changed.WaitAsync(NotificationTimeout)).Read(GameJsonContext.Default.ItemChanged), Is.EqualTo(new ItemChanged(inventory.Id, updated)));
        Assert.That(updated, Is.EqualTo(new Item(lamp.Id, "Oil lamp", 1.25)));
        await stranger.PingAsync();
        Assert.That(strangerHeard, Is.Empty, "nobody else holds the item");
    }
}
