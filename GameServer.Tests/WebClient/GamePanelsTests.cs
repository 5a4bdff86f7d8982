using System.Text.RegularExpressions;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Inventory;
using GameServer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>The game page's panels: the grouped inventory, the chat's long words and right-to-left text, and the small things.</summary>
[Category("Browser")]
[CancelAfter(90_000)]
public sealed class GamePanelsTests : BrowserFixture
{
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 15_000 };

    [Test]
    public async Task Identical_items_share_one_row_with_their_count_and_total_weight_and_follow_every_change()
    {
        await using var server = await InProcessServer.StartAsync();
        var page = await OpenPageAsync(server.HttpUri);
        var name = Some.Username();
        await RegisterAsync(page, name);
        var (admin, _) = await server.ConnectAsAdminAsync();
        var inventory = (await admin.ListInventoriesAsync(name)).Single();
        var ropes = new List<Item>();
        for (var i = 0; i < 3; i++)
        {
            ropes.Add(await admin.CreateItemAsync("Rope", 1.5));
            await admin.AddItemToInventoryAsync(inventory.Id, ropes[^1].Id);
        }

        var lamp = await admin.CreateItemAsync("Lamp", 1.5);
        await admin.AddItemToInventoryAsync(inventory.Id, lamp.Id);
        var rows = page.Locator("#inventory-items tr");
        await Expect(rows).ToHaveTextAsync([new Regex(@"^Rope × 3\s*4\.5$"), new Regex(@"^Lamp\s*1\.5$")], new() { Timeout = 15_000 });
        await Expect(page.Locator("#inventory-total")).ToHaveTextAsync("6.0");

        await admin.AddItemToInventoryAsync(inventory.Id, (await admin.CreateItemAsync("Rope", 1.5)).Id);
        await Expect(rows.First).ToHaveTextAsync(new Regex(@"^Rope × 4\s*6\.0$"), Patiently);
        await Expect(rows.First).ToHaveClassAsync("fresh");
        await Expect(rows.Nth(1)).Not.ToHaveClassAsync("fresh");

        await admin.RemoveItemFromInventoryAsync(inventory.Id, ropes[0].Id);
        await Expect(rows.First).ToHaveTextAsync(new Regex(@"^Rope × 3\s*4\.5$"), Patiently);
        // Of equal weights, the group whose oldest item is older comes first.
        await admin.UpdateItemAsync(ropes[1].Id, name: "Old rope");
        await Expect(rows).ToHaveTextAsync([new Regex(@"^Old rope\s*1\.5$"), new Regex(@"^Rope × 2\s*3\.0$"), new Regex(@"^Lamp\s*1\.5$")], new() { Timeout = 15_000 });
        await Expect(page.Locator("#inventory-total")).ToHaveTextAsync("6.0");
        await Expect(page.Locator("#inventory-count")).ToHaveTextAsync("4 items");
    }

    [Test]
    public async Task A_long_word_wraps_and_right_to_left_text_stays_apart_from_its_time()
    {
        await using var server = await InProcessServer.StartAsync();
        var page = await OpenPageAsync(server.HttpUri);
        await RegisterAsync(page, Some.Username());
        await Expect(page.Locator("#chat-panel")).ToBeVisibleAsync();
        var (other, _) = await server.ConnectAsUserAsync("salim");
        var word = new string('w', 200);
        const string arabic = "مرحبا بالجميع 123";

        await other.SendChatAsync(word);
        await other.SendChatAsync(arabic);

        var lines = page.Locator("#chat-messages li");
        await Expect(lines).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        var list = page.Locator("#chat-messages");
        Assert.That(await list.EvaluateAsync<bool>("list => list.scrollWidth <= list.clientWidth"), Is.True, "the long word wraps inside the chat");
        Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), Is.True, "the page does not scroll sideways");

        // The text is isolated from what is around it, so its direction does not reorder the name and the time.
        var text = lines.Nth(1).Locator("bdi.text");
        await Expect(text).ToHaveTextAsync(arabic);
        await Expect(lines.Nth(1).Locator("bdi.from")).ToHaveTextAsync("salim");
        var textBox = (await text.BoundingBoxAsync())!;
        var timeBox = (await lines.Nth(1).Locator("time").BoundingBoxAsync())!;
        Assert.That(timeBox.X, Is.GreaterThanOrEqualTo(textBox.X + textBox.Width - 0.5), "the time follows the whole text, on its right");
    }

    [Test]
    public async Task The_page_has_a_favicon_and_loads_without_a_failed_request_or_console_error()
    {
        await using var server = await InProcessServer.StartAsync();
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(server.HttpUri.ToString());
        await RegisterAsync(page, Some.Username());
        await Expect(page.Locator("#world-panel")).ToBeVisibleAsync();
        var icon = await page.EvaluateAsync<string>("() => document.querySelector('link[rel=icon]')?.href ?? ''");
        Assert.That(icon, Is.Not.Empty, "a favicon is linked");
        var answer = await page.APIRequest.GetAsync(icon);
        var type = answer.Headers["content-type"];
        await context.DisposeAsync();

        Assert.That(answer.Status, Is.EqualTo(200), icon);
        Assert.That(type, Is.EqualTo("image/svg+xml"));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task Ping_shows_the_round_trip_in_milliseconds()
    {
        await using var server = await InProcessServer.StartAsync();
        var page = await OpenPageAsync(server.HttpUri);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("connected");

        await page.ClickAsync("#ping");

        await Expect(page.Locator("#ping-result")).ToHaveTextAsync(new Regex(@"^\d+ ms$"), Patiently);
        await Expect(page.Locator("#ping-result")).ToHaveAttributeAsync("title", new Regex("^server clock "));
    }

    [Test]
    public async Task A_name_in_the_maps_corner_is_drawn_inside_the_canvas()
    {
        await using var server = await InProcessServer.StartAsync("--World:Width=100", "--World:Height=100", "--Monsters:Count=0", "--World:MaxMovesPerSecond=1000");
        var page = await OpenPageAsync(server.HttpUri);
        var name = Some.Username("edge");
        await RegisterAsync(page, name);
        var twin = await server.ConnectAsync();
        await twin.LoginAsync(name, Some.Password);

        await twin.WalkToAsync(0, 0);

        await Expect(page.Locator("#position")).ToHaveAttributeAsync("data-x", "0", new() { Timeout = 15_000 });
        await Expect(page.Locator("#position")).ToHaveAttributeAsync("data-y", "0");

        // At the top left the dot covers the first 10 pixels; the name must be drawn in view, below it.
        const string inked = """
            () => {
              const canvas = document.getElementById("world");
              const ratio = canvas.width / canvas.clientWidth;
              const strip = canvas.getContext("2d").getImageData(0, Math.round(12 * ratio), Math.round(150 * ratio), Math.round(28 * ratio)).data;
              let count = 0;
              for (let i = 3; i < strip.length; i += 4) if (strip[i] > 128) count++;
              return count;
            }
            """;
        await page.WaitForFunctionAsync($"() => ({inked})() > 20", null, new() { Timeout = 15_000 });
    }
}
