using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>
/// Destructive dashboard actions ask first in the page: cancelled, nothing reaches the server;
/// confirmed, it is done; refused, the reason shows in the row it concerns. (Deleting an item is in
/// <see cref="AdminDashboardTests"/>.)
/// </summary>
[Category("Browser")]
[CancelAfter(90_000)]
public sealed class AdminConfirmationTests : AdminDashboardFixture
{
    [Test]
    public async Task Taking_an_item_out_of_an_inventory_asks_first()
    {
        var (admin, _) = await Server.ConnectAsAdminAsync();
        var (player, auth) = await Server.ConnectAsUserAsync();
        var inventory = (await player.MyInventoryAsync()).Id;
        var compass = await admin.CreateItemAsync("Compass", 0.3);
        await admin.AddItemToInventoryAsync(inventory, compass.Id);
        var page = await OpenAdminAsync(tab: "inventories");
        var row = page.Locator($"#inventories tr[data-inventory='{inventory}']");
        var remove = row.GetByRole(AriaRole.Button, new() { Name = $"remove Compass from {auth.User.Username}'s inventory" });

        await remove.ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToHaveTextAsync($"Take \"Compass\" out of {auth.User.Username}'s inventory?");
        await AnswerConfirmationAsync(page, confirm: false);
        Assert.That((await player.MyInventoryAsync()).Items.Select(i => i.Name), Is.EqualTo(new[] { "Compass" }), "cancelled: still there");
        await remove.ClickAsync();
        await AnswerConfirmationAsync(page, confirm: true);

        await Expect(row.Locator(".chip")).ToHaveCountAsync(0);
        Assert.That((await player.MyInventoryAsync()).Items, Is.Empty);
    }

    [Test]
    public async Task Revoking_admin_rights_asks_first_and_cancelling_leaves_the_box_ticked()
    {
        var (other, otherAuth) = await Server.ConnectAsAdminAsync();
        var page = await OpenAdminAsync(tab: "users");
        var row = page.Locator($"#users tr[data-user='{otherAuth.User.Id}']");
        var box = row.Locator("input[type=checkbox]");
        await Expect(box).ToBeCheckedAsync();

        await box.ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync($"Revoke {otherAuth.User.Username}'s admin rights?");
        await AnswerConfirmationAsync(page, confirm: false);
        await Expect(box).ToBeCheckedAsync();
        Assert.That(await IsAdminAsync(other, otherAuth.User.Id), Is.True, "cancelled: still an admin");
        await box.ClickAsync();
        await AnswerConfirmationAsync(page, confirm: true);

        await Expect(row.Locator(".role")).ToHaveTextAsync("player");
        await Expect(box).Not.ToBeCheckedAsync();
        var (admin, _) = await Server.ConnectAsAdminAsync();
        Assert.That(await IsAdminAsync(admin, otherAuth.User.Id), Is.False);
    }

    [Test]
    public async Task A_password_reset_asks_for_the_new_password_and_a_refused_one_says_why_in_its_row()
    {
        var (_, auth) = await Server.ConnectAsUserAsync();
        var page = await OpenAdminAsync(tab: "users");
        var row = page.Locator($"#users tr[data-user='{auth.User.Id}']");
        var reset = row.GetByRole(AriaRole.Button, new() { Name = "Reset password" });
        var password = page.Locator("#confirm-password input");

        await reset.ClickAsync();
        await password.FillAsync("a-new-password");
        await AnswerConfirmationAsync(page, confirm: false);
        Assert.That(await LogsInAsync(auth.User.Username, Some.Password), Is.True, "cancelled: the old password still works");

        // Longer than the server takes: refused there, and said in the row.
        await reset.ClickAsync();
        await password.FillAsync(new string('p', 1024) + "x");
        await AnswerConfirmationAsync(page, confirm: true);
        await Expect(row.Locator(".row-error")).ToContainTextAsync("The password");

        await reset.ClickAsync();
        await password.FillAsync("a-new-password");
        await AnswerConfirmationAsync(page, confirm: true);
        await Expect(row.Locator(".row-note")).ToHaveTextAsync($"New password set; every device of {auth.User.Username} was logged out.");
        await Expect(row.Locator(".row-error")).ToHaveTextAsync("");
        Assert.That(await LogsInAsync(auth.User.Username, "a-new-password"), Is.True, "confirmed: the new password works");
    }

    private static async Task<bool> IsAdminAsync(GameClient admin, int userId) =>
        (await admin.ListUsersAsync()).Single(u => u.Id == userId).IsAdmin;

    private async Task<bool> LogsInAsync(string username, string password)
    {
        var client = await Server.ConnectAsync();
        try
        {
            await client.LoginAsync(username, password);
            return true;
        }
        catch (GameRpcException)
        {
            return false;
        }
        finally
        {
            await Server.DisconnectAsync(client);
        }
    }
}
