using GameServer.Accounts;
using GameServer.Inventory;
using GameServer.Protocol.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>
/// The dashboard's items and inventories tables show one page asked of the server (offset, limit,
/// search), never everything: checked in the page and in the calls and answers on its socket.
/// </summary>
[Category("Browser")]
[CancelAfter(120_000)]
public sealed class AdminPagingTests : AdminDashboardFixture
{
    private const int PageSize = 20;

    [Test]
    public async Task The_items_table_shows_one_page_of_250_and_pages_and_searches_on_the_server()
    {
        Server.Services.GetRequiredService<IItemStore>().InsertMany(
        [
            .. Enumerable.Range(0, 250).Select(i => new ItemRecord { Name = $"Gift {i:000}", Weight = i % 7 }),
            new ItemRecord { Name = "Lantern", Weight = 1 },
            new ItemRecord { Name = "blue LANTERN", Weight = 2 },
            new ItemRecord { Name = "Lantern oil", Weight = 3 },
        ]);
        var (admin, _) = await Server.ConnectAsAdminAsync();
        var everything = await admin.ListItemsAsync(limit: 1000);
        var page = await OpenAdminAsync();
        var frames = await CaptureFramesAsync(page, AdminName);
        var rows = page.Locator("#items tr");
        var range = page.Locator("#items-pager .pager-range");

        await OpenTabAsync(page, "items");
        await Expect(range).ToHaveTextAsync("1–20 of 253");
        await Expect(rows).ToHaveCountAsync(PageSize);
        await Expect(rows.First).ToHaveAttributeAsync("data-item", Id(everything[0]));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous items" })).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Next items" }).ClickAsync();
        await Expect(range).ToHaveTextAsync("21–40 of 253");
        await Expect(rows.First).ToHaveAttributeAsync("data-item", Id(everything[20]));
        await Expect(rows).ToHaveCountAsync(PageSize);
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous items" }).ClickAsync();
        await Expect(range).ToHaveTextAsync("1–20 of 253");

        await page.FillAsync("#items-search", "lantern");
        await Expect(range).ToHaveTextAsync("1–3 of 3");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next items" })).ToBeDisabledAsync();

        var lists = frames.Answered("items.list");
        Assert.That(lists.Select(c => RpcFrames.Text(c, "limit")), Has.All.EqualTo("20"), "every page asked for carries the limit");
        Assert.That(lists.Select(c => c.Result!.AsArray().Count), Has.All.LessThanOrEqualTo(PageSize), "and the server answered with one page");
        Assert.That(lists.Any(c => RpcFrames.Text(c, "offset") == "20" && c.Result!.AsArray().Count == PageSize), Is.True, "the second page came from the server");
        var searched = lists.Last();
        Assert.That((RpcFrames.Text(searched, "search"), searched.Result!.AsArray().Count), Is.EqualTo(("lantern", 3)), "the search ran on the server");
        Assert.That(frames.Answered("items.count").Last().Result!["total"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task The_inventories_table_pages_and_searches_owners_on_the_server()
    {
        List<User> users = [.. Enumerable.Range(0, 45).Select(i => $"pilot{i:00}").Concat(Enumerable.Range(0, 5).Select(i => $"Zed{i}"))
            .Select(name => new User { Username = name, NormalizedUsername = User.Normalize(name), PasswordHash = "x" })];
        Server.Services.GetRequiredService<IAccountStore>().RegisterMany(users, [.. Server.Services.GetServices<IAccountProvisioner>()]);

        var page = await OpenAdminAsync();
        var frames = await CaptureFramesAsync(page, AdminName);
        var rows = page.Locator("#inventories tr");
        var range = page.Locator("#inventories-pager .pager-range");

        await OpenTabAsync(page, "inventories");
        await Expect(range).ToHaveTextAsync("1–20 of 51");
        await Expect(rows).ToHaveCountAsync(PageSize);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next inventories" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next inventories" }).ClickAsync();
        await Expect(range).ToHaveTextAsync("41–51 of 51");
        await Expect(rows).ToHaveCountAsync(11);

        await page.FillAsync("#inventories-search", "zED");
        await Expect(range).ToHaveTextAsync("1–5 of 5");
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(rows.Nth(0)).ToContainTextAsync("Zed0");

        var lists = frames.Answered("inventories.list");
        Assert.That(lists.Select(c => RpcFrames.Text(c, "limit")), Has.All.EqualTo("20"));
        Assert.That(lists.Select(c => c.Result!.AsArray().Count), Has.All.LessThanOrEqualTo(PageSize));
        Assert.That((RpcFrames.Text(lists.Last(), "search"), lists.Last().Result!.AsArray().Count), Is.EqualTo(("zED", 5)));
    }

    private static string Id(Item item) => item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
