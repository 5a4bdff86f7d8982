using GameServer.Accounts;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>The admin dashboard at <c>/admin</c>, in real Chromium against the real server.</summary>
[Category("Browser")]
[CancelAfter(90_000)]
public sealed class AdminDashboardTests : AdminDashboardFixture
{
    [Test]
    public async Task An_admin_creates_an_item_and_a_player_sees_it_in_items_list()
    {
        var page = await OpenAdminAsync(admin: true, tab: "items");
        var (player, _) = await Server.ConnectAsUserAsync();

        await page.FillAsync("#item-form input[name=name]", "Lantern");
        await page.FillAsync("#item-form input[name=weight]", "1.5");
        await page.ClickAsync("#item-form button[type=submit]");

        await Expect(page.Locator("#items tr input[aria-label^='name of item']")).ToHaveValueAsync("Lantern");
        var listed = await player.ListItemsAsync();
        Assert.That(listed.Select(i => (i.Name, i.Weight)), Is.EqualTo(new[] { ("Lantern", 1.5) }));
    }

    [Test]
    public async Task An_admin_puts_an_item_into_an_inventory_and_grants_admin_rights()
    {
        var (player, auth) = await Server.ConnectAsUserAsync();
        var page = await OpenAdminAsync(admin: true, tab: "items");
        await page.FillAsync("#item-form input[name=name]", "Compass");
        await page.FillAsync("#item-form input[name=weight]", "0.3");
        await page.ClickAsync("#item-form button[type=submit]");
        await Expect(page.Locator("#items tr")).ToHaveCountAsync(1);
        await OpenTabAsync(page, "inventories");
        var row = page.Locator("#inventories tr", new PageLocatorOptions { HasText = auth.User.Username });
        await Expect(row.Locator("select option")).ToHaveCountAsync(1);

        await row.Locator("button", new LocatorLocatorOptions { HasText = "Add" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Compass");
        await OpenTabAsync(page, "users");
        var user = page.Locator($"#users tr[data-user='{auth.User.Id}']");
        await user.Locator("input[type=checkbox]").ClickAsync();

        // The role is drawn from the server's answer, unlike the checkbox, which the click ticks at once.
        await Expect(user.Locator(".role")).ToHaveTextAsync("admin");

        Assert.That((await player.MyInventoryAsync()).Items.Select(i => i.Name), Is.EqualTo(new[] { "Compass" }));
        Assert.That((await player.ListUsersAsync()).Select(u => u.Id), Does.Contain(auth.User.Id), "the player is an admin now");
    }

    [Test]
    public async Task A_non_admin_gets_nothing_from_the_admin_data()
    {
        var page = await OpenAdminAsync(admin: false);

        await Expect(page.Locator("#forbidden-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        var answer = await page.EvaluateAsync<int>("""
            async () => {
              const { GameClient } = await import("/js/gameclient.js");
              const client = new GameClient(`ws://${location.host}/ws`, { token: sessionStorage.getItem("gameserver.admin.token") });
              await client.connect();
              try { await client.call("users.list"); return 0; } catch (error) { return error.code; }
            }
            """);
        Assert.That(answer, Is.EqualTo(ErrorCodes.Forbidden), "the server refuses, whatever the page shows");
    }

    [Test]
    public async Task Live_figures_show_connections_and_jobs()
    {
        var page = await OpenAdminAsync(admin: true);

        await Expect(page.Locator("#fig-connections")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9]"));
        await Expect(page.Locator("#jobs tr", new PageLocatorOptions { HasText = "world-patches" })).ToBeVisibleAsync();
        await Expect(page.Locator("#fig-in")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d$"));
    }

    [Test]
    public async Task A_login_sent_while_the_socket_is_still_opening_waits_for_it()
    {
        var name = Some.Username("early");
        await Server.Services.GetRequiredService<AccountService>().RegisterAsync(name, Some.Password, client: null, isAdmin: true);
        var page = await OpenPageAsync(new Uri(Server.HttpUri, "/admin"));

        // The same race as a form sent right after the page loads: the call comes before the socket's open event.
        var username = await page.EvaluateAsync<string>("""
            async ([name, password]) => {
              const { GameClient } = await import("/js/gameclient.js");
              const client = new GameClient(`ws://${location.host}/ws`);
              client.connect().catch(() => {});
              const { user } = await client.login(name, password);
              client.close();
              return user.username;
            }
            """, new[] { name, Some.Password });

        Assert.That(username, Is.EqualTo(name));
    }

    [Test]
    public async Task A_half_typed_health_survives_the_refresh_that_shows_the_stored_change()
    {
        var (other, _) = await Server.ConnectAsAdminAsync();
        var monster = await other.CreateMonsterAsync(10, 10);
        var page = await OpenAdminAsync(admin: true, tab: "monsters");
        var health = page.Locator($"input[aria-label='health of monster {monster.Id}']");
        await Expect(health).ToHaveValueAsync("10");
        await health.FillAsync("7");

        await other.UpdateMonsterAsync(monster.Id, healthPoints: 4);

        var row = page.Locator($"#monsters tr[data-monster='{monster.Id}']");
        await Expect(row.Locator(".stored-changed")).ToContainTextAsync("4");
        await Expect(health).ToHaveValueAsync("7");
        await Expect(health).ToBeFocusedAsync();
    }

    [Test]
    public async Task A_half_typed_item_name_survives_a_refresh()
    {
        var (other, _) = await Server.ConnectAsAdminAsync();
        var lamp = await other.CreateItemAsync("Lamp", 1);
        var page = await OpenAdminAsync(admin: true, tab: "items");
        var name = page.Locator($"input[aria-label='name of item {lamp.Id}']");
        await Expect(name).ToHaveValueAsync("Lamp");
        await name.FillAsync("Lan");

        await other.UpdateItemAsync(lamp.Id, name: "Lantern");

        await Expect(page.Locator($"#items tr[data-item='{lamp.Id}'] td", new PageLocatorOptions { Has = name }).Locator(".stored-changed")).ToContainTextAsync("Lantern");
        await Expect(name).ToHaveValueAsync("Lan");
        await Expect(name).ToBeFocusedAsync();
    }

    [Test]
    public async Task A_picked_option_survives_a_refresh()
    {
        var (other, auth) = await Server.ConnectAsAdminAsync();
        var lamp = await other.CreateItemAsync("Lamp", 1);
        var rope = await other.CreateItemAsync("Rope", 2);
        var page = await OpenAdminAsync(admin: true, tab: "inventories");
        var choice = page.Locator($"#inventories tr", new PageLocatorOptions { HasText = auth.User.Username }).Locator("select");
        await Expect(choice.Locator("option")).ToHaveCountAsync(2);
        await choice.SelectOptionAsync(new SelectOptionValue { Label = "Rope (2 kg)" });
        await page.Locator("#inventories-search").FocusAsync();

        // The options change (the lamp's name), so the row is drawn again under the picked option.
        await other.UpdateItemAsync(lamp.Id, name: "Lantern");

        await Expect(choice.Locator("option").First).ToHaveTextAsync("Lantern (1 kg)");
        await Expect(choice).ToHaveValueAsync(rope.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task A_revoked_admins_dashboard_switches_to_admins_only_at_once()
    {
        var (other, _) = await Server.ConnectAsAdminAsync();
        var page = await OpenAdminAsync(admin: true);
        await Expect(page.Locator("#fig-connections")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9]"));
        var me = (await other.ListUsersAsync()).Single(u => u.Username == AdminName);

        await other.SetAdminAsync(me.Id, isAdmin: false);

        await Expect(page.Locator("#forbidden-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
    }

    [Test]
    public async Task A_refused_self_revoke_leaves_the_checkbox_ticked()
    {
        var page = await OpenAdminAsync(admin: true, tab: "users");
        var row = page.Locator("#users tr", new PageLocatorOptions { HasText = AdminName });
        var mine = row.Locator("input[type=checkbox]");
        await Expect(mine).ToBeCheckedAsync();

        await mine.ClickAsync();
        await AnswerConfirmationAsync(page, confirm: true);

        await Expect(row.Locator(".row-error")).ToHaveTextAsync("An admin cannot revoke its own admin rights.");
        await Expect(mine).ToBeCheckedAsync();
    }

    [Test]
    public async Task Opening_the_dashboard_does_not_put_the_admins_player_in_the_world()
    {
        var (player, _) = await Server.ConnectAsUserAsync();
        var page = await OpenAdminAsync(admin: true);
        var afterLogin = (await player.ListPlayersAsync()).Single(p => p.Username == AdminName);
        await page.ReloadAsync();
        await Expect(page.Locator("#fig-connections")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9]"));

        var afterResume = (await player.ListPlayersAsync()).Single(p => p.Username == AdminName);

        Assert.That(afterLogin.Online, Is.False, "a dashboard session is not a player in the world");
        Assert.That(afterResume.Online, Is.False, "nor is it after a reload, which resumes");
    }

    [Test]
    public async Task Deleting_an_item_asks_first_and_a_refused_save_says_why_in_its_row()
    {
        var (other, _) = await Server.ConnectAsAdminAsync();
        var lamp = await other.CreateItemAsync("Lamp", 1);
        var page = await OpenAdminAsync(admin: true, tab: "items");
        var row = page.Locator($"#items tr[data-item='{lamp.Id}']");

        await row.Locator("input[aria-label^='name of item']").FillAsync("   ");
        await row.Locator("button", new LocatorLocatorOptions { HasText = "Save" }).ClickAsync();
        await Expect(row.Locator(".row-error")).ToHaveTextAsync("The name must be 1 to 255 characters after trimming.");
        await row.Locator("button", new LocatorLocatorOptions { HasText = "Delete" }).ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync("Lamp");
        await AnswerConfirmationAsync(page, confirm: false);
        await Expect(row).ToHaveCountAsync(1);
        Assert.That((await other.ListItemsAsync()).Select(i => i.Id), Does.Contain(lamp.Id), "cancelled: nothing deleted");
        await row.Locator("button", new LocatorLocatorOptions { HasText = "Delete" }).ClickAsync();
        await AnswerConfirmationAsync(page, confirm: true);

        await Expect(row).ToHaveCountAsync(0);
        Assert.That(await other.ListItemsAsync(), Is.Empty);
    }
}
