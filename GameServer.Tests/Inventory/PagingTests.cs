using System.Net;
using System.Text.Json;
using GameServer.Accounts;
using GameServer.Inventory;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Inventory;

/// <summary>
/// Lists of items and inventories page by default (100, at most 1000), over JSON-RPC and over the
/// original's REST API, which keeps answering with bare arrays.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class PagingTests
{
    private const int ItemCount = 250;
    private InProcessServer _server = null!;
    private HttpClient _http = null!;
    private GameClient _player = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.HttpUri };
        (_player, _) = await _server.ConnectAsUserAsync();

        // Seven weights, so runs of equal weight span pages and their order by id is tested too.
        _server.Services.GetRequiredService<IItemStore>().InsertMany(
            [.. Enumerable.Range(0, ItemCount).Select(i => new ItemRecord { Name = $"Item {i}", Weight = (i * 5) % 7 })]);
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Items_list_pages_by_default()
    {
        var first = await _player.ListItemsAsync();
        var pages = new List<Item>();
        for (var offset = 0; offset < ItemCount; offset += 40)
        {
            pages.AddRange(await _player.ListItemsAsync(offset, 40));
        }

        var everything = pages.ToList();
        Assert.That(first, Has.Count.EqualTo(InventoryService.DefaultPageSize), "the old server answered with all 250");
        Assert.That(everything, Has.Count.EqualTo(ItemCount));
        Assert.That(everything, Is.EqualTo(everything.OrderBy(i => i.Weight).ThenBy(i => i.Id)), "pages follow weight, then id, across runs of equal weight");
        Assert.That(first, Is.EqualTo(everything.Take(100)));
        Assert.That(await _player.ListItemsAsync(limit: 1000), Has.Count.EqualTo(ItemCount));
    }

    [Test]
    public async Task Items_stay_in_id_order_within_a_weight_after_updates()
    {
        var (admin, _) = await _server.ConnectAsAdminAsync();
        var light = (await admin.ListItemsAsync(limit: 3)).ToList();

        // An update re-inserts the item into the weight index after the others of its weight.
        await admin.UpdateItemAsync(light[0].Id, weight: 0.5);
        await admin.UpdateItemAsync(light[0].Id, weight: light[0].Weight);

        Assert.That(await admin.ListItemsAsync(limit: 3), Is.EqualTo(light));
    }

    [Test]
    public async Task Inventories_list_pages_by_default()
    {
        ProvisionInventories(150);

        var first = await _player.ListInventoriesAsync();
        var second = await _player.ListInventoriesAsync(offset: 100, limit: 100);
        var all = await _player.ListInventoriesAsync(limit: 1000);

        Assert.That(first, Has.Count.EqualTo(100));
        Assert.That(all, Has.Count.EqualTo(151), "150 and the player's own");
        Assert.That(first.Concat(second).Select(Shape), Is.EqualTo(all.Select(Shape)));
        Assert.That(all.Select(i => i.Id), Is.Ordered);
    }

    [Test]
    public async Task Api_items_pages_with_page_and_page_size_and_link_headers()
    {
        var root = new Uri(_server.HttpUri, "/api/items/");

        using var first = await _http.GetAsync(new Uri("/api/items/", UriKind.Relative));
        using var third = await _http.GetAsync(new Uri("/api/items/?page=3&page_size=100", UriKind.Relative));
        using var second = await _http.GetAsync(new Uri("/api/items/?page_size=100&page=2", UriKind.Relative));
        using var pastTheEnd = await _http.GetAsync(new Uri("/api/items/?page=4", UriKind.Relative));
        var byPage = (await ItemsOf(first)).Concat(await ItemsOf(second)).Concat(await ItemsOf(third)).ToList();

        Assert.That(first.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("250"));
        Assert.That(first.Headers.GetValues("Link").Single(), Is.EqualTo($"<{root}?page=2>; rel=\"next\""));
        Assert.That(second.Headers.GetValues("Link").Single(), Is.EqualTo($"<{root}?page_size=100&page=3>; rel=\"next\", <{root}?page_size=100>; rel=\"prev\""));
        Assert.That(third.Headers.GetValues("Link").Single(), Is.EqualTo($"<{root}?page_size=100&page=2>; rel=\"prev\""));
        Assert.That(byPage.Select(i => i.Id), Is.EqualTo((await _player.ListItemsAsync(limit: 1000)).Select(i => i.Id)));
        Assert.That(pastTheEnd.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Api_inventories_page_with_page_and_page_size()
    {
        ProvisionInventories(4);

        using var page = await _http.GetAsync(new Uri("/api/inventories/?page=2&page_size=2", UriKind.Relative));
        var inventories = JsonSerializer.Deserialize(await page.Content.ReadAsStringAsync(), Protocol.GameJsonContext.Default.IReadOnlyListInventorySummary)!;
        var all = await _player.ListInventoriesAsync();

        Assert.That(inventories.Select(Shape), Is.EqualTo(all.Skip(2).Take(2).Select(Shape)));
        Assert.That(page.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("5"));
        Assert.That(page.Headers.GetValues("Link").Single(), Does.Contain("page=3>; rel=\"next\"").And.Contain("rel=\"prev\""));
    }

    [TestCase("/api/items/?page_size=1001", "page_size")]
    [TestCase("/api/items/?page_size=0", "page_size")]
    [TestCase("/api/items/?page_size=ten", "page_size")]
    [TestCase("/api/items/?page=0", "page")]
    [TestCase("/api/items/?page=-1", "page")]
    [TestCase("/api/inventories/?page_size=1001", "page_size")]
    public async Task A_page_size_over_1000_is_refused(string path, string field)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = Assert.ThrowsAsync<GameRpcException>(() => _player.ListItemsAsync(limit: 1001));
        var inventories = Assert.ThrowsAsync<GameRpcException>(() => _player.ListInventoriesAsync(limit: 1001));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.RootElement.TryGetProperty(field, out _), Is.True, $"the 400 names {field}: {body.RootElement}");
        Assert.That((items.Code, items.Field), Is.EqualTo((ErrorCodes.InvalidParams, "limit")));
        Assert.That((inventories.Code, inventories.Field), Is.EqualTo((ErrorCodes.InvalidParams, "limit")));
    }

    [Test]
    public async Task The_original_curl_examples_still_return_arrays()
    {
        ProvisionInventories(120);

        foreach (var path in new[] { "/api/items/", "/api/inventories/", "/api/inventories/?username=nobody" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Accept.ParseAdd("application/json; indent=4");
            using var response = await _http.SendAsync(request);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(body.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Array), $"{path} answers a bare array, not an envelope");
            Assert.That(body.RootElement.GetArrayLength(), Is.LessThanOrEqualTo(InventoryService.DefaultPageSize), path);
        }
    }

    private void ProvisionInventories(int count)
    {
        var store = _server.Services.GetRequiredService<IInventoryStore>();
        for (var i = 0; i < count; i++)
        {
            store.Provision([new User { Id = 10_000 + i }]);
        }
    }

    private static (int Id, int User, string Items) Shape(InventorySummary inventory) => (inventory.Id, inventory.User, string.Join(",", inventory.Items));

    private static async Task<IReadOnlyList<Item>> ItemsOf(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), Protocol.GameJsonContext.Default.IReadOnlyListItem)!;
    }
}
