using GameServer.Protocol.Chat;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>
/// What the canvas shows, read back from its pixels. Only the test changes monsters here: their ticks
/// run on a virtual clock, or not at all, and they neither roam nor chase.
/// </summary>
[Category("Browser")]
[CancelAfter(60_000)]
public sealed class WorldPictureTests : BrowserFixture
{
    // The width BrowserFixture gives every page.
    private const int ViewportWidth = 1200;

    // No monster ticks: the page draws the states the test sets, from its subscription's snapshot.
    private static readonly string[] LivelyWorldSettings = ["--World:MaxMovesPerSecond=1000", "--Monsters:Count=0"];

    [Test]
    public async Task A_monsters_state_change_is_drawn_in_its_colour()
    {
        // The aggro radius spans the world, so an attacker never loses its target; monsters never move.
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(
            clock.Register,
            "--Monsters:Count=0", "--Monsters:TickEnabled=true", "--Monsters:WanderStep=0", "--Monsters:ChaseStep=0", "--Monsters:AggroRadius=1000");
        var (admin, adminAuth) = await server.ConnectAsAdminAsync();
        var monster = await admin.CreateMonsterAsync(90, 90);
        var page = await OpenPageAsync(server.HttpUri);
        await RegisterAsync(page, Some.Username());
        await Expect(page.Locator("#world-panel")).ToBeVisibleAsync();
        await WaitForColourAsync(page, 90, 90, (0x2f, 0x7d, 0x32));

        await admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Attack, adminAuth.User.Id);
        await clock.AdvanceAsync(server, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
        await WaitForColourAsync(page, 90, 90, (0xc6, 0x28, 0x28));
        await admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Evade);
        await clock.AdvanceAsync(server, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));

        await WaitForColourAsync(page, 90, 90, (0xf9, 0xa8, 0x25));
    }

    /// <summary>The lively world the README shows, drawn and attached to the test output as a picture; the repository is left alone.</summary>
    [Test]
    public async Task A_lively_world_is_drawn_and_its_picture_attached_to_the_test_output()
    {
        await using var server = await InProcessServer.StartAsync(LivelyWorldSettings);
        var page = await ShowLivelyWorldAsync(server);

        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, "the web client, as the README shows it");
        Assert.That(PngWidth(path), Is.EqualTo(ViewportWidth), "a picture of the whole page");
    }

    /// <summary>Rewrites the README's picture, docs/images/web-client.png: only when asked for (docs/testing.md), never by an ordinary run.</summary>
    [Test]
    [Explicit("rewrites docs/images/web-client.png; run with ./test.sh --filter Category=Screenshot")]
    [Category("Screenshot")]
    public async Task The_readme_picture_is_regenerated()
    {
        await using var server = await InProcessServer.StartAsync(LivelyWorldSettings);
        var page = await ShowLivelyWorldAsync(server);

        var path = Path.Combine(Repository.Root, "docs", "images", "web-client.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, "the README's new picture");
        Assert.That(PngWidth(path), Is.EqualTo(ViewportWidth));
    }

    /// <summary>Players, monsters in every state, an inventory and a chat, on a page logged in as "hero".</summary>
    private async Task<IPage> ShowLivelyWorldAsync(InProcessServer server)
    {
        var (admin, adminAuth) = await server.ConnectAsAdminAsync("gamemaster");
        await admin.WalkToAsync(60, 30);
        var friends = new List<Protocol.Client.GameClient>();
        var ids = new List<int>();
        foreach (var (name, x, y) in new[] { ("ranger", 33.0, 60.0), ("mage", 45.0, 40.0), ("bard", 72.0, 70.0) })
        {
            var (client, auth) = await server.ConnectAsUserAsync(name);
            await client.WalkToAsync(x, y);
            friends.Add(client);
            ids.Add(auth.User.Id);
        }

        await admin.CreateMonsterAsync(20, 20);
        var attacking = await admin.CreateMonsterAsync(35, 58);
        var evading = await admin.CreateMonsterAsync(80, 45);
        var lookingForAid = await admin.CreateMonsterAsync(55, 80, healthPoints: 3);
        await admin.TransitionMonsterAsync(attacking.Id, MonsterTransitions.Attack, ids[0]);
        await admin.TransitionMonsterAsync(evading.Id, MonsterTransitions.Attack, adminAuth.User.Id);
        await admin.TransitionMonsterAsync(evading.Id, MonsterTransitions.Evade);
        await admin.TransitionMonsterAsync(lookingForAid.Id, MonsterTransitions.Attack, adminAuth.User.Id);
        await admin.TransitionMonsterAsync(lookingForAid.Id, MonsterTransitions.Evade);

        var page = await OpenPageAsync(server.HttpUri);
        await RegisterAsync(page, "hero");
        var inventory = (await admin.ListInventoriesAsync("hero")).Single();
        foreach (var (name, weight) in new[] { ("Sword", 3.5), ("Shield", 6.0), ("Healing potion", 0.3) })
        {
            await admin.AddItemToInventoryAsync(inventory.Id, (await admin.CreateItemAsync(name, weight)).Id);
        }

        await admin.AddItemToInventoryAsync(inventory.Id, (await admin.CreateItemAsync("Gift for hero", 0)).Id);
        await friends[0].SendChatAsync("Anyone up for the ogre by the river?");
        await friends[1].SendChatAsync("On my way!");
        await page.FillAsync("#chat-form input[name=text]", "Count me in");
        await page.PressAsync("#chat-form input[name=text]", "Enter");
        await Expect(page.Locator("#chat-messages li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#inventory-total")).ToHaveTextAsync("9.8");
        await WaitForColourAsync(page, 35, 58, (0xc6, 0x28, 0x28));
        await WaitForColourAsync(page, 80, 45, (0xf9, 0xa8, 0x25));
        await WaitForColourAsync(page, 55, 80, (0x6a, 0x1b, 0x9a));
        return page;
    }

    // A PNG's width is the big-endian integer at bytes 16-19, in its IHDR chunk.
    private static int PngWidth(string path)
    {
        var head = new byte[24];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(head);
        }

        Assert.That(head[1..4], Is.EqualTo("PNG"u8.ToArray()), "a PNG file");
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16, 4));
    }

    /// <summary>Waits until the canvas pixel just inside the monster drawn at a world position has the colour.</summary>
    private static async Task WaitForColourAsync(IPage page, double worldX, double worldY, (int R, int G, int B) colour)
    {
        var pixel = $$"""
            () => {
              const canvas = document.getElementById("world");
              const x = Math.round({{worldX}} / 100 * canvas.width), y = Math.round({{worldY}} / 100 * canvas.height) + 2;
              return Array.from(canvas.getContext("2d").getImageData(x, y, 1, 1).data).slice(0, 3).join(",");
            }
            """;
        var expected = $"{colour.R},{colour.G},{colour.B}";
        try
        {
            await page.WaitForFunctionAsync($"() => ({pixel})() === \"{expected}\"", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the pixel at ({worldX}, {worldY}) stayed {await page.EvaluateAsync<string>(pixel)}, not {expected}");
        }
    }
}
