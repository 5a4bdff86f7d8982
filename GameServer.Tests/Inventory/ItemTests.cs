using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.Inventory;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class ItemTests
{
    private InProcessServer _server = null!;
    private GameClient _admin = null!;
    private GameClient _player = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync();
        (_admin, _) = await _server.ConnectAsAdminAsync();
        (_player, _) = await _server.ConnectAsUserAsync();
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Items_are_listed_by_weight_then_id()
    {
        var piano = await _admin.CreateItemAsync("Piano", 10);
        var lute = await _admin.CreateItemAsync("Lute", 2);
        var guitar = await _admin.CreateItemAsync("Guitar", 2);
        var feather = await _admin.CreateItemAsync("Feather", 0);

        var listed = await _player.ListItemsAsync();
        var page = await _player.ListItemsAsync(offset: 1, limit: 2);

        Assert.That(listed, Is.EqualTo(new[] { feather, lute, guitar, piano }), "equal weights keep id order");
        Assert.That(page, Is.EqualTo(new[] { lute, guitar }));
    }

    [Test]
    public async Task An_admin_creates_gets_updates_and_deletes_an_item()
    {
        var created = await _admin.CreateItemAsync("  Sword  ", 3.5);

        Assert.That(created, Is.EqualTo(new Item(created.Id, "Sword", 3.5)), "names are trimmed");
        Assert.That(await _player.GetItemAsync(created.Id), Is.EqualTo(created));
        Assert.That(await _admin.UpdateItemAsync(created.Id, weight: 4), Is.EqualTo(created with { Weight = 4 }), "fields left out keep their value");
        Assert.That(await _admin.UpdateItemAsync(created.Id, name: "Sabre"), Is.EqualTo(new Item(created.Id, "Sabre", 4)));
        Assert.That((await _admin.DeleteItemAsync(created.Id)).Deleted, Is.True);
        var gone = Assert.ThrowsAsync<GameRpcException>(() => _player.GetItemAsync(created.Id));
        Assert.That(gone.Code, Is.EqualTo(ErrorCodes.NotFound));
    }

    [Test]
    public async Task A_player_may_not_change_items()
    {
        var item = await _admin.CreateItemAsync("Shield", 5);

        var errors = new[]
        {
            Assert.ThrowsAsync<GameRpcException>(() => _player.CreateItemAsync("Axe", 1)),
            Assert.ThrowsAsync<GameRpcException>(() => _player.UpdateItemAsync(item.Id, weight: 0)),
            Assert.ThrowsAsync<GameRpcException>(() => _player.DeleteItemAsync(item.Id)),
        };

        Assert.That(errors.Select(e => e!.Code), Is.All.EqualTo(ErrorCodes.Forbidden));
        Assert.That(await _player.ListItemsAsync(), Is.EqualTo(new[] { item }), "nothing changed");
    }

    [TestCase("{\"name\":\"Rock\",\"weight\":-1}", "weight", TestName = "negative weight")]
    [TestCase("{\"name\":\"Rock\",\"weight\":\"NaN\"}", "weight", TestName = "NaN weight")]
    [TestCase("{\"name\":\"Rock\",\"weight\":\"heavy\"}", "weight", TestName = "non-numeric weight")]
    [TestCase("{\"name\":\"Rock\",\"weight\":1e999}", "weight", TestName = "infinite weight")]
    [TestCase("{\"name\":\"Rock\"}", "weight", TestName = "missing weight")]
    [TestCase("{\"name\":\"   \",\"weight\":1}", "name", TestName = "blank name")]
    [TestCase("{\"name\":\"\",\"weight\":1}", "name", TestName = "empty name")]
    [TestCase("{\"name\":42,\"weight\":1}", "name", TestName = "number for name")]
    [TestCase("{\"weight\":1}", "name", TestName = "missing name")]
    public async Task Invalid_items_are_refused_naming_the_field(string parameters, string field)
    {
        var raw = await RawSocket.ConnectAsync(_server.WebSocketUri);
        await using var _ = raw;
        var admin = await _server.ConnectAsAdminAsync();
        var token = admin.Auth.Token;
        await raw.CallAsync($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"auth.resume\",\"params\":{{\"token\":\"{token}\"}}}}");

        var response = await raw.CallAsync($"{{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"items.create\",\"params\":{parameters}}}");

        JsonAssert.IsError(response, ErrorCodes.InvalidParams, id: 2);
        Assert.That(JsonAssert.ErrorField(response), Is.EqualTo(field));
        Assert.That(await _player.ListItemsAsync(), Is.Empty, "nothing was created");
    }

    [Test]
    public async Task Names_may_have_255_characters_but_not_256()
    {
        var longest = await _admin.CreateItemAsync(new string('n', 255), 1);
        var error = Assert.ThrowsAsync<GameRpcException>(() => _admin.CreateItemAsync(new string('n', 256), 1));
        var update = Assert.ThrowsAsync<GameRpcException>(() => _admin.UpdateItemAsync(longest.Id, name: new string('m', 256)));

        Assert.That(longest.Name, Has.Length.EqualTo(255));
        Assert.That(error.Field, Is.EqualTo("name"));
        Assert.That(update.Field, Is.EqualTo("name"));
        Assert.That(await _player.GetItemAsync(longest.Id), Is.EqualTo(longest), "a refused update changes nothing");
    }

    [Test]
    public async Task Deleting_an_item_takes_it_out_of_every_inventory()
    {
        var (_, other) = await _server.ConnectAsUserAsync();
        var mine = await _player.MyInventoryAsync();
        var theirs = (await _admin.ListInventoriesAsync(other.User.Username)).Single();
        var gem = await _admin.CreateItemAsync("Gem", 0.1);
        var coin = await _admin.CreateItemAsync("Coin", 0.01);
        await _admin.AddItemToInventoryAsync(mine.Id, gem.Id);
        await _admin.AddItemToInventoryAsync(mine.Id, coin.Id);
        await _admin.AddItemToInventoryAsync(theirs.Id, gem.Id);

        await _admin.DeleteItemAsync(gem.Id);

        Assert.That((await _admin.GetInventoryAsync(mine.Id)).Items, Is.EqualTo(new[] { coin.Id }));
        Assert.That((await _admin.GetInventoryAsync(theirs.Id)).Items, Is.Empty);
    }
}
