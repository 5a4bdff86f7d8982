using System.Text.RegularExpressions;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>The game page on a phone (playable by touch, never scrolling sideways) and on a wide screen (the world grows); each attaches its picture to the test output.</summary>
[Category("Browser")]
[CancelAfter(90_000)]
public sealed class GameLayoutTests : BrowserFixture
{
    // Apple's iPhone 12 to 15 in portrait, as a phone browser reports itself.
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    private static readonly BrowserNewContextOptions WideScreen = new() { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } };

    [Test]
    public async Task On_a_phone_the_pad_moves_the_player_by_touch_and_nothing_scrolls_sideways()
    {
        await using var server = await InProcessServer.StartAsync("--Gifts:Enabled=false", "--Monsters:Count=0", "--World:Width=100", "--World:Height=100");
        var page = await OpenPageAsync(server.HttpUri, Phone);
        Assert.That(await FitsTheWidthAsync(page), Is.True, "the login page does not scroll sideways");
        var name = Some.Username("thumb");
        await RegisterAsync(page, name);
        var position = page.Locator("#position");
        await Expect(position).ToHaveAttributeAsync("data-x", new Regex(".+"), new() { Timeout = 15_000 });
        var x = double.Parse((await position.GetAttributeAsync("data-x"))!, System.Globalization.CultureInfo.InvariantCulture);
        var y = double.Parse((await position.GetAttributeAsync("data-y"))!, System.Globalization.CultureInfo.InvariantCulture);

        foreach (var control in new[] { "[data-move=up]", "[data-move=down]", "[data-move=left]", "[data-move=right]", "#strike" })
        {
            var box = await page.Locator(control).BoundingBoxAsync();
            Assert.That(box, Is.Not.Null, $"{control} is shown");
            Assert.That(Math.Min(box!.Width, box.Height), Is.GreaterThanOrEqualTo(44), $"{control} is at least 44 px each way");
        }

        var (direction, dy) = y < 50 ? ("down", 1) : ("up", -1);
        await page.TapAsync($"[data-move={direction}]");

        await Expect(position).ToHaveAttributeAsync("data-y", (y + dy).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        var (admin, _) = await server.ConnectAsAdminAsync();
        var onServer = (await admin.ListPlayersAsync()).Single(p => p.Username == name);
        Assert.That((onServer.PositionX, onServer.PositionY), Is.EqualTo((x, y + dy)), "the server moved the player");
        await page.TapAsync("#strike");
        await Expect(page.Locator("#combat li").Last).ToHaveTextAsync(new Regex("No monster to strike.$"), new() { Timeout = 15_000 });
        Assert.That(await FitsTheWidthAsync(page), Is.True, "the game does not scroll sideways");
        await AttachScreenshotAsync(page, "phone", "the game page on a phone, 390 × 844");
    }

    [Test]
    public async Task On_a_wide_screen_the_world_grows_to_use_the_space()
    {
        await using var server = await InProcessServer.StartAsync("--Gifts:Enabled=false", "--World:Width=100", "--World:Height=100");
        var page = await OpenPageAsync(server.HttpUri, WideScreen);
        await RegisterAsync(page, Some.Username("wide"));
        await Expect(page.Locator("#boards-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#position")).ToHaveAttributeAsync("data-x", new Regex(".+"), new() { Timeout = 15_000 });

        var canvas = (await page.Locator("#world").BoundingBoxAsync())!;

        Assert.That(canvas.Width, Is.GreaterThanOrEqualTo(800), "the world uses the screen, where it was at most 500 px");
        Assert.That(canvas.Y + canvas.Height, Is.LessThanOrEqualTo(1080), "and still fits in it from top to bottom");
        Assert.That(await FitsTheWidthAsync(page), Is.True);
        // Drawn at its size on screen, not stretched.
        await page.WaitForFunctionAsync("() => { const c = document.getElementById('world'); return c.width === Math.round(c.clientWidth * devicePixelRatio); }", null, new() { Timeout = 15_000 });
        await AttachScreenshotAsync(page, "desktop", "the game page on a 1920 × 1080 screen");
    }

    private static Task<bool> FitsTheWidthAsync(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth");

    private static async Task AttachScreenshotAsync(IPage page, string name, string description)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"game-page-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, description);
    }
}
