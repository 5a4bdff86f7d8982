using System.Net.WebSockets;
using System.Text.RegularExpressions;
using GameServer.Accounts;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.Monsters;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>The dashboard on a phone, and cut off from the server and back.</summary>
[Category("Browser")]
[CancelAfter(120_000)]
public sealed class AdminLayoutTests : AdminDashboardFixture
{
    /// <summary>Each tab and a row its table shows once loaded.</summary>
    private static readonly (string Tab, string Loaded)[] Tabs =
    [
        ("server", "#jobs tr"), ("items", "#items tr"), ("inventories", "#inventories tr"), ("users", "#users tr"),
        ("monsters", "#monsters tr"), ("players", "#players tr"), ("analytics", "#analytics-days tbody tr"),
    ];

    [Test]
    public async Task At_390_by_844_no_tab_scrolls_sideways()
    {
        var (admin, _) = await Server.ConnectAsAdminAsync(Some.Username("a_rather_long_name_"));
        var (player, auth) = await Server.ConnectAsUserAsync();
        var lantern = await admin.CreateItemAsync(string.Concat(Enumerable.Repeat("Lantern", 30)), 1.5);
        await admin.AddItemToInventoryAsync((await player.MyInventoryAsync()).Id, lantern.Id);
        await admin.CreateMonsterAsync(3, 4);
        await player.SendChatAsync("a long line of chat for the analytics tab's events");
        var page = await OpenAdminAsync();
        await page.SetViewportSizeAsync(390, 844);

        foreach (var (tab, loaded) in Tabs)
        {
            await OpenTabAsync(page, tab);
            await Expect(page.Locator(loaded).First).ToBeVisibleAsync();
            var (scrollWidth, innerWidth) = await WidthsAsync(page);
            Assert.That(scrollWidth, Is.LessThanOrEqualTo(innerWidth), $"the {tab} tab scrolls sideways");
        }

        await OpenTabAsync(page, "items");
        await AttachScreenshotAsync(page, "phone-items", "the dashboard's items tab at 390×844");
        await OpenTabAsync(page, "inventories");
        await Expect(page.Locator("#inventories")).ToContainTextAsync(auth.User.Username);
        await AttachScreenshotAsync(page, "phone-inventories", "the dashboard's inventories tab at 390×844");
    }

    [Test]
    public async Task While_cut_off_the_dashboard_is_stale_and_retry_now_brings_it_back()
    {
        var (admin, _) = await Server.ConnectAsAdminAsync();
        var lamp = await admin.CreateItemAsync("Lamp", 1);
        var page = await OpenAdminAsync(tab: "items");
        var line = await RouteThroughTestAsync(page);
        var delete = page.Locator($"#items tr[data-item='{lamp.Id}']").GetByRole(AriaRole.Button, new() { Name = "Delete" });
        await Expect(delete).ToBeEnabledAsync();

        line.CutOff = true;
        var me = Server.Services.GetRequiredService<IAccountStore>().FindUserByName(AdminName)!;
        foreach (var session in Server.Services.GetRequiredService<SessionRegistry>().SessionsOf(me.Id))
        {
            session.RequestClose(WebSocketCloseStatus.NormalClosure, "cut off by the test");
        }

        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("stale"));
        await Expect(page.Locator("#stale-banner")).ToBeVisibleAsync();
        await Expect(delete).ToBeDisabledAsync();
        await Expect(page.Locator("#item-form button[type=submit]")).ToBeDisabledAsync();
        await Expect(page.Locator("#items-search")).ToBeDisabledAsync();
        await Expect(page.Locator("#items tr")).ToHaveCountAsync(1);

        // An error line left by a call the lost connection failed.
        await page.EvaluateAsync("() => document.getElementById('item-error').textContent = 'Connection closed (1006).'");

        // After four refused attempts the next is at least 2 s away: the click, not the back-off, reconnects.
        await line.FourRefused.Task.WaitAsync(TimeSpan.FromSeconds(30));
        line.CutOff = false;
        await page.ClickAsync("#retry-now");

        await Expect(page.Locator("#connection")).ToHaveTextAsync("connected");
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(new Regex("stale"));
        await Expect(page.Locator("#stale-banner")).ToBeHiddenAsync();
        await Expect(delete).ToBeEnabledAsync();
        await Expect(page.Locator("#item-error")).ToHaveTextAsync("");
        await admin.CreateItemAsync("Rope", 2);
        await Expect(page.Locator("#items tr")).ToHaveCountAsync(2);
    }

    /// <summary>Sends the page's sockets through the test, which can refuse them; the reload opens one that way.</summary>
    private async Task<Line> RouteThroughTestAsync(IPage page)
    {
        var line = new Line();
        await page.RouteWebSocketAsync(_ => true, ws =>
        {
            if (!line.CutOff)
            {
                ws.ConnectToServer();
                return;
            }

            _ = ws.CloseAsync();
            if (Interlocked.Increment(ref line.Refused) == 4)
            {
                line.FourRefused.TrySetResult();
            }
        });
        await page.ReloadAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync(AdminName);
        return line;
    }

    /// <summary>The page's line to the server: cut off or not, and the connection attempts refused meanwhile.</summary>
    private sealed class Line
    {
        public volatile bool CutOff;
        public int Refused;

        public TaskCompletionSource FourRefused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
