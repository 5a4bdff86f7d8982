using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Tests.Support;

namespace GameServer.Tests.Inventory;

/// <summary>The original design's REST API, over real HTTP on the server's own port.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class InventoryHttpTests
{
    private InProcessServer _server = null!;
    private HttpClient _http = null!;
    private GameClient _admin = null!;
    private string _adminToken = null!;
    private string _playerToken = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.HttpUri };
        (_admin, var admin) = await _server.ConnectAsAdminAsync("admin");
        _adminToken = admin.Token;
        (_, var player) = await _server.ConnectAsUserAsync();
        _playerToken = player.Token;
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task The_original_curl_examples_answer_in_the_original_shape()
    {
        var guitar = await _admin.CreateItemAsync("Guitar", 2);
        var piano = await _admin.CreateItemAsync("Piano", 10);
        var inventory = (await _admin.ListInventoriesAsync("admin")).Single();
        await _admin.AddItemToInventoryAsync(inventory.Id, guitar.Id);
        await _admin.AddItemToInventoryAsync(inventory.Id, piano.Id);

        var items = await GetTextAsync("/api/items/", "application/json; indent=4");
        var inventories = await GetTextAsync("/api/inventories/?username=admin", "application/json; indent=4");
        var compact = await GetTextAsync("/api/items/", "application/json");

        Assert.That(items, Is.EqualTo("""
            [
                {
                    "id": 1,
                    "name": "Guitar",
                    "weight": 2.0
                },
                {
                    "id": 2,
                    "name": "Piano",
                    "weight": 10.0
                }
            ]
            """));
        Assert.That(inventories, Is.EqualTo("""
            [
                {
                    "id": 1,
                    "user": 1,
                    "items": [
                        1,
                        2
                    ]
                }
            ]
            """));
        Assert.That(compact, Is.EqualTo("""[{"id":1,"name":"Guitar","weight":2.0},{"id":2,"name":"Piano","weight":10.0}]"""));
    }

    [Test]
    public async Task The_api_root_lists_the_resources()
    {
        using var root = JsonDocument.Parse(await GetTextAsync("/api/", "application/json"));

        Assert.That(root.RootElement.GetProperty("items").GetString(), Is.EqualTo(new Uri(_server.HttpUri, "/api/items/").ToString()));
        Assert.That(root.RootElement.GetProperty("inventories").GetString(), Is.EqualTo(new Uri(_server.HttpUri, "/api/inventories/").ToString()));
    }

    [Test]
    public async Task An_admin_creates_changes_and_deletes_items_over_http()
    {
        var created = await SendAsync(HttpMethod.Post, "/api/items/", """{"name":"Drum","weight":4.5}""", _adminToken);
        var item = JsonSerializer.Deserialize(await created.Content.ReadAsStringAsync(), Protocol.GameJsonContext.Default.Item)!;
        var put = await SendAsync(HttpMethod.Put, $"/api/items/{item.Id}/", """{"name":"Big drum","weight":6}""", _adminToken);
        var patch = await SendAsync(HttpMethod.Patch, $"/api/items/{item.Id}/", """{"weight":7}""", _adminToken);
        var get = await _http.GetAsync(new Uri($"/api/items/{item.Id}/", UriKind.Relative));
        var delete = await SendAsync(HttpMethod.Delete, $"/api/items/{item.Id}/", null, _adminToken);
        var gone = await _http.GetAsync(new Uri($"/api/items/{item.Id}/", UriKind.Relative));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(item, Is.EqualTo(new Item(item.Id, "Drum", 4.5)));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await get.Content.ReadAsStringAsync(), Is.EqualTo($$"""{"id":{{item.Id}},"name":"Big drum","weight":7.0}"""));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Writes_need_an_admin_token()
    {
        var item = await _admin.CreateItemAsync("Flute", 0.4);

        var anonymous = await SendAsync(HttpMethod.Post, "/api/items/", """{"name":"Harp","weight":3}""", token: null);
        var badToken = await SendAsync(HttpMethod.Patch, $"/api/items/{item.Id}/", """{"weight":3}""", "not-a-token");
        var player = await SendAsync(HttpMethod.Delete, $"/api/items/{item.Id}/", null, _playerToken);
        var playerInventory = await SendAsync(HttpMethod.Put, "/api/inventories/1/", """{"items":[]}""", _playerToken);

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(badToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(player.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(playerInventory.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await _admin.ListItemsAsync(), Is.EqualTo(new[] { item }), "nothing changed");
    }

    [TestCase("""{"name":"Rock","weight":-1}""", "weight", TestName = "http negative weight")]
    [TestCase("""{"name":"Rock","weight":"NaN"}""", "weight", TestName = "http NaN weight")]
    [TestCase("""{"name":"","weight":1}""", "name", TestName = "http empty name")]
    [TestCase("""{"weight":1}""", "name", TestName = "http missing name")]
    [TestCase("""{"name":["Rock"],"weight":1}""", "name", TestName = "http array for name")]
    public async Task Validation_failures_are_400_naming_the_field(string body, string field)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/items/", body, _adminToken);
        using var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(errors.RootElement.GetProperty(field).EnumerateArray().Single().GetString(), Is.Not.Empty);
        Assert.That(await _admin.ListItemsAsync(), Is.Empty);
    }

    [Test]
    public async Task A_body_that_is_not_json_is_400()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/items/", "name=Rock&weight=1", _adminToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Unknown_ids_are_404_and_wrong_methods_405()
    {
        var unknownItem = await _http.GetAsync(new Uri("/api/items/999/", UriKind.Relative));
        var unknownInventory = await _http.GetAsync(new Uri("/api/inventories/999/", UriKind.Relative));
        var postInventory = await SendAsync(HttpMethod.Post, "/api/inventories/", "{}", _adminToken);
        var deleteList = await SendAsync(HttpMethod.Delete, "/api/items/", null, _adminToken);

        Assert.That(unknownItem.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknownInventory.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(postInventory.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(deleteList.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task Put_and_patch_replace_an_inventorys_items_and_notify_the_owner()
    {
        var (owner, auth) = await _server.ConnectAsUserAsync();
        var inventory = await owner.MyInventoryAsync();
        var cup = await _admin.CreateItemAsync("Cup", 0.2);
        var plate = await _admin.CreateItemAsync("Plate", 0.5);
        var cupAdded = owner.WaitForNotificationAsync(Protocol.Methods.InventoryItemAdded);
        await _admin.AddItemToInventoryAsync(inventory.Id, cup.Id);
        // The cup's own notification first: a waiter set up before it arrives would take it for the plate's.
        await cupAdded.WaitAsync(TimeSpan.FromSeconds(5));

        var added = owner.WaitForNotificationAsync(Protocol.Methods.InventoryItemAdded);
        var removed = owner.WaitForNotificationAsync(Protocol.Methods.InventoryItemRemoved);
        var put = await SendAsync(HttpMethod.Put, $"/api/inventories/{inventory.Id}/", $$"""{"items":[{{plate.Id}}]}""", _adminToken);
        var unknown = await SendAsync(HttpMethod.Patch, $"/api/inventories/{inventory.Id}/", $$"""{"items":[{{plate.Id}},999]}""", _adminToken);
        var delete = await SendAsync(HttpMethod.Delete, $"/api/inventories/{inventory.Id}/", null, _adminToken);

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await put.Content.ReadAsStringAsync(), Is.EqualTo($$"""{"id":{{inventory.Id}},"user":{{auth.User.Id}},"items":[{{plate.Id}}]}"""));
        Assert.That((await added.WaitAsync(TimeSpan.FromSeconds(5))).Read(Protocol.GameJsonContext.Default.ItemAdded).Item, Is.EqualTo(plate));
        Assert.That((await removed.WaitAsync(TimeSpan.FromSeconds(5))).Read(Protocol.GameJsonContext.Default.ItemRemoved).Item, Is.EqualTo(cup.Id));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "unknown item ids are refused");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await owner.MyInventoryAsync()).Items, Is.Empty, "DELETE empties the inventory; the user keeps it");
    }

    private async Task<string> GetTextAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _http.SendAsync(request);
    }
}
