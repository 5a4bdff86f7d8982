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
/// The lists of items and inventories search on the server (the item's name, the owner's name,
/// ignoring case) and count what they page through, so a client never loads everything to find one.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class SearchTests
{
    private InProcessServer _server = null!;
    private HttpClient _http = null!;
    private GameClient _player = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.HttpUri };
        (_player, _) = await _server.ConnectAsUserAsync();
        _server.Services.GetRequiredService<IItemStore>().InsertMany(
        [
            .. Enumerable.Range(0, 200).Select(i => new ItemRecord { Name = $"Gift {i}", Weight = i % 3 }),
            .. Enumerable.Range(0, 45).Select(i => new ItemRecord { Name = $"Lantern {i}", Weight = i % 5 }),
            new ItemRecord { Name = "Blue LANTERN", Weight = 0.5 },
            new ItemRecord { Name = "planet", Weight = 7 },
        ]);
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Items_search_finds_names_containing_the_text_ignoring_case_and_pages_through_them()
    {
        var total = await _player.CountItemsAsync("  lAn ");
        var pages = new List<Item>();
        for (var offset = 0; offset < total; offset += 20)
        {
            pages.AddRange(await _player.SearchItemsAsync("lAn", offset, 20));
        }

        Assert.That(total, Is.EqualTo(47), "45 lanterns, the blue LANTERN and the planet");
        Assert.That(pages.Select(i => i.Name), Has.All.Contains("lan").IgnoreCase);
        Assert.That(pages.Select(i => i.Id), Is.Unique);
        Assert.That(pages, Is.EqualTo(pages.OrderBy(i => i.Weight).ThenBy(i => i.Id)), "weight, then id, as without a search");
        Assert.That(await _player.SearchItemsAsync("LAN", 40, 20), Has.Count.EqualTo(7));
        Assert.That(await _player.CountItemsAsync(), Is.EqualTo(247), "no search: everything");
        Assert.That(await _player.SearchItemsAsync("   ", 0, 1000), Has.Count.EqualTo(247), "a blank search lists everything");
        Assert.That(await _player.SearchItemsAsync("nothing like it"), Is.Empty);
    }

    [Test]
    public async Task Inventories_search_finds_owners_whose_name_contains_the_text_ignoring_case()
    {
        List<User> owners = [.. new[] { "Zelda", "griselda", "bob", "ZELDA_2", "ann" }
            .Select(name => new User { Username = name, NormalizedUsername = User.Normalize(name), PasswordHash = "x" })];
        _server.Services.GetRequiredService<IAccountStore>().RegisterMany(owners, [.. _server.Services.GetServices<IAccountProvisioner>()]);

        var found = await _player.SearchInventoriesAsync("elDA");
        var second = await _player.SearchInventoriesAsync("elda", offset: 1, limit: 1);
        var theirs = found.Select(i => owners.Single(o => o.Id == i.User).Username);

        Assert.That(theirs, Is.EqualTo(new[] { "Zelda", "griselda", "ZELDA_2" }), "in the order of the owners' ids");
        Assert.That(await _player.CountInventoriesAsync("ELDA"), Is.EqualTo(3));
        Assert.That(second.Select(i => i.Id), Is.EqualTo(new[] { found[1].Id }));
        Assert.That(await _player.CountInventoriesAsync(), Is.EqualTo(6), "the five and the player's own");
    }

    [Test]
    public async Task Api_lists_take_the_same_search_and_count_it_in_the_total()
    {
        using var items = await _http.GetAsync(new Uri("/api/items/?search=lantern&page_size=10&page=5", UriKind.Relative));
        using var inventories = await _http.GetAsync(new Uri("/api/inventories/?search=nobody-has-this", UriKind.Relative));
        var page = JsonSerializer.Deserialize(await items.Content.ReadAsStringAsync(), Protocol.GameJsonContext.Default.IReadOnlyListItem)!;

        Assert.That(items.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(items.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("46"));
        Assert.That(page.Select(i => i.Name).ToList(), Has.Count.EqualTo(6).And.All.Contains("lantern").IgnoreCase);
        Assert.That(inventories.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("0"));
    }

    [TestCase(101)]
    [TestCase(-1)]
    public async Task A_search_too_long_or_with_control_characters_is_refused(int length)
    {
        var search = length < 0 ? "lan\u0000tern" : new string('a', length);

        var list = Assert.ThrowsAsync<GameRpcException>(() => _player.SearchItemsAsync(search));
        var count = Assert.ThrowsAsync<GameRpcException>(() => _player.CountInventoriesAsync(search));
        using var response = await _http.GetAsync(new Uri($"/api/items/?search={Uri.EscapeDataString(search)}", UriKind.Relative));

        Assert.That((list.Code, list.Field), Is.EqualTo((ErrorCodes.InvalidParams, "search")));
        Assert.That((count.Code, count.Field), Is.EqualTo((ErrorCodes.InvalidParams, "search")));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await _player.SearchItemsAsync(new string('a', 100)), Is.Empty, "100 characters is the bound, not a refusal");
    }

    [Test]
    public async Task A_username_filter_with_control_characters_is_refused_before_the_store_sees_it()
    {
        // PostgreSQL refuses U+0000 in text: without the check the list answered 500.
        using var list = await _http.GetAsync(new Uri($"/api/inventories/?username={Uri.EscapeDataString("ad\u0000min")}", UriKind.Relative));
        using var tab = await _http.GetAsync(new Uri($"/api/inventories/?username={Uri.EscapeDataString("ad\tmin")}", UriKind.Relative));
        using var plain = await _http.GetAsync(new Uri("/api/inventories/?username=nobody", UriKind.Relative));

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await list.Content.ReadAsStringAsync(), Does.Contain("username"));
        Assert.That(tab.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a name nobody has is an empty list, not an error");
    }
}
