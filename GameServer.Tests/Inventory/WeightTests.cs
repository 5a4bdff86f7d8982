using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GameServer.Inventory;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Inventory;

/// <summary>Weights are bounded by <c>Inventory:MaxWeight</c>, and every weight the server writes is valid JSON.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class WeightTests
{
    private InProcessServer _server = null!;
    private GameClient _admin = null!;
    private string _adminToken = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync();
        (_admin, var auth) = await _server.ConnectAsAdminAsync();
        _adminToken = auth.Token;
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task An_item_heavier_than_MaxWeight_is_refused()
    {
        var heaviest = await _admin.CreateItemAsync("Anvil", 1_000_000);
        var refused = new[]
        {
            Assert.ThrowsAsync<GameRpcException>(() => _admin.CreateItemAsync("Star", 1e308)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.CreateItemAsync("Moon", 1_000_000.5)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.UpdateItemAsync(heaviest.Id, weight: 1e308)),
        };
        using var http = new HttpClient { BaseAddress = _server.HttpUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/items/", UriKind.Relative))
        {
            Content = new StringContent("""{"name":"Star","weight":1e308}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        using var overHttp = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await overHttp.Content.ReadAsStringAsync());

        Assert.That(heaviest.Weight, Is.EqualTo(1_000_000), "exactly MaxWeight is accepted");
        Assert.That(refused.Select(e => (e!.Code, e.Field)), Is.All.EqualTo((ErrorCodes.InvalidParams, "weight")));
        Assert.That(overHttp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.RootElement.GetProperty("weight")[0].GetString()!, Does.Contain("1000000"));
        Assert.That((await _admin.ListItemsAsync()).Select(i => i.Weight), Is.EqualTo(new[] { 1_000_000.0 }), "nothing heavier was stored");
    }

    [Test]
    public async Task MaxWeight_is_a_setting()
    {
        await using var server = await InProcessServer.StartAsync("--Inventory:MaxWeight=10");
        var (admin, _) = await server.ConnectAsAdminAsync();

        var ten = await admin.CreateItemAsync("Bucket", 10);
        var refused = Assert.ThrowsAsync<GameRpcException>(() => admin.CreateItemAsync("Barrel", 10.5));

        Assert.That(ten.Weight, Is.EqualTo(10));
        Assert.That(refused.Field, Is.EqualTo("weight"));
    }

    [Test]
    public async Task Total_weight_stays_finite_and_valid_json()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();
        var inventory = (await _admin.ListInventoriesAsync(auth.User.Username)).Single();

        // Items stored before the bound existed: two of them once summed to Infinity, written as "Infinity.0".
        var items = _server.Services.GetRequiredService<IItemStore>();
        var stars = new[] { new ItemRecord { Name = "Old star", Weight = 1e308 }, new ItemRecord { Name = "Older star", Weight = 1e308 } };
        items.InsertMany(stars);
        foreach (var star in stars)
        {
            await _admin.AddItemToInventoryAsync(inventory.Id, star.Id);
        }

        await using var raw = await RawSocket.ConnectAsync(_server.WebSocketUri);
        await raw.CallAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"auth.resume","params":{"token":"{{{auth.Token}}}"}}""");
        var mine = await raw.CallAsync("""{"jsonrpc":"2.0","id":2,"method":"inventory.mine"}""");
        var total = mine.GetProperty("result").GetProperty("total_weight").GetDouble();

        Assert.That(double.IsFinite(total), Is.True);
        Assert.That(total, Is.EqualTo(double.MaxValue), "capped at the largest number JSON readers take");
        Assert.That((await player.MyInventoryAsync()).Items.Select(i => i.Weight), Is.EqualTo(new[] { 1e308, 1e308 }));
    }

    [Test]
    public void A_MaxWeight_of_zero_stops_the_server_naming_the_key()
    {
        var error = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await InProcessServer.StartAsync("--Inventory:MaxWeight=0");
        });

        Assert.That(error.Message, Does.Contain("Inventory:MaxWeight"));
    }
}
