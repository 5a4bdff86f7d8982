using GameServer.Accounts;
using GameServer.Inventory;
using GameServer.Players;
using GameServer.Storage;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Storage.Contract;

[Category("Integration")]
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
public sealed class AccountStoreContractTests(StorageProvider provider) : StoreContract(provider)
{
    private IAccountStore Accounts => Stores.Get<IAccountStore>();

    [Test]
    public void Registration_stores_the_user_its_inventory_its_player_and_its_first_token()
    {
        var user = Register("Alice");

        Assert.That(user.Id, Is.Positive);
        Assert.That(Accounts.FindUser(user.Id)?.Username, Is.EqualTo("Alice"));
        Assert.That(Accounts.FindUserByName("aLiCe")?.Id, Is.EqualTo(user.Id), "found by name ignoring case");
        Assert.That(Stores.Get<IInventoryStore>().FindByUser(user.Id), Is.Not.Null, "an inventory, provisioned in the same transaction");
        Assert.That(Stores.Get<IPlayerStore>().FindByUser(user.Id)?.Username, Is.EqualTo("Alice"), "a player too");
        Assert.That(Accounts.AllUserNames(), Is.EqualTo(new[] { (user.Id, "Alice") }));
    }

    [Test]
    public void A_name_taken_in_any_case_is_refused_and_writes_nothing()
    {
        Register("Bob");

        Assert.Throws<UsernameTakenException>(() => Register("BOB"));

        Assert.That(Accounts.AllUsers(), Has.Count.EqualTo(1));
        Assert.That(Stores.Get<IInventoryStore>().Count(), Is.EqualTo(1), "the loser's inventory was rolled back with it");
        Assert.That(Stores.Get<IPlayerStore>().All(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Signing_in_stores_the_token_and_a_new_hash_and_marks_the_user_seen()
    {
        var registered = WholeMilliseconds(DateTime.UtcNow.AddHours(-1));
        var user = Register("carol", at: registered);
        var now = WholeMilliseconds(DateTime.UtcNow);
        var token = Token(now);

        var signedIn = Accounts.SignIn(user.Id, "rehashed", token);

        Assert.That(signedIn?.PasswordHash, Is.EqualTo("rehashed"));
        Assert.That(Accounts.FindUser(user.Id)?.PasswordHash, Is.EqualTo("rehashed"));
        Assert.That(Accounts.FindToken(token.TokenHash)?.UserId, Is.EqualTo(user.Id));
        Assert.That(Accounts.UserNamesSeenSince(now).Select(u => u.Id), Is.EqualTo(new[] { user.Id }), "seen at the token's creation");
        Assert.That(Accounts.SignIn(user.Id, newPasswordHash: null, Token(now))?.PasswordHash, Is.EqualTo("rehashed"), "no new hash keeps the old");
        Assert.That(Accounts.SignIn(user.Id + 1000, null, Token(now)), Is.Null, "a user gone meanwhile signs nobody in");
    }

    [Test]
    public void Admin_changes_are_checked_in_order_and_keep_one_admin()
    {
        var admin = Register("root", isAdmin: true);
        var player = Register("dave");

        Assert.That(Accounts.SetAdmin(player.Id, admin.Id, false).Outcome, Is.EqualTo(AdminChangeOutcome.ActorNotAdmin));
        Assert.That(Accounts.SetAdmin(admin.Id, 999_999, true).Outcome, Is.EqualTo(AdminChangeOutcome.UserNotFound));
        Assert.That(Accounts.SetAdmin(admin.Id, admin.Id, false).Outcome, Is.EqualTo(AdminChangeOutcome.OwnRights));

        var granted = Accounts.SetAdmin(admin.Id, player.Id, true);
        Assert.That((granted.Outcome, granted.User?.IsAdmin), Is.EqualTo((AdminChangeOutcome.Done, (bool?)true)));
        Assert.That(Accounts.SetAdmin(player.Id, admin.Id, false).Outcome, Is.EqualTo(AdminChangeOutcome.Done));
        Assert.That(Accounts.FindUser(admin.Id)?.IsAdmin, Is.False);
        Assert.That(Accounts.SetAdmin(admin.Id, player.Id, false).Outcome, Is.EqualTo(AdminChangeOutcome.ActorNotAdmin), "revoked, it may not act");
    }

    [Test]
    public void Setting_a_password_revokes_every_token_of_the_user()
    {
        var admin = Register("root", isAdmin: true);
        var user = Register("erin");
        var now = WholeMilliseconds(DateTime.UtcNow);
        Accounts.SignIn(user.Id, null, Token(now));

        Assert.That(Accounts.SetPassword(user.Id, admin.Id, "x").Outcome, Is.EqualTo(AdminChangeOutcome.ActorNotAdmin));
        Assert.That(Accounts.SetPassword(admin.Id, 999_999, "x").Outcome, Is.EqualTo(AdminChangeOutcome.UserNotFound));
        var changed = Accounts.SetPassword(admin.Id, user.Id, "new hash");

        Assert.That(changed.User?.PasswordHash, Is.EqualTo("new hash"));
        Assert.That(Accounts.DeleteTokensOf(user.Id), Is.Zero, "both of its tokens went with the change");
        Assert.That(Accounts.DeleteTokensOf(admin.Id), Is.EqualTo(1), "another user's stayed");
    }

    [Test]
    public void Tokens_expire_by_time_and_are_deleted_one_by_one_or_all()
    {
        var user = Register("frank");
        var now = WholeMilliseconds(DateTime.UtcNow);
        var shortLived = Token(now, TimeSpan.FromMinutes(1));
        var longLived = Token(now, TimeSpan.FromDays(1));
        Accounts.SignIn(user.Id, null, shortLived);
        Accounts.SignIn(user.Id, null, longLived);

        Assert.That(Accounts.FindToken(shortLived.TokenHash)?.ExpiresAt.ToUniversalTime(), Is.EqualTo(shortLived.ExpiresAt), "dates come back as written");
        Assert.That(Accounts.DeleteTokensExpiredBefore(now.AddHours(1)), Is.EqualTo(1));
        Assert.That(Accounts.FindToken(shortLived.TokenHash), Is.Null);
        Assert.That(Accounts.DeleteToken(longLived.TokenHash), Is.True);
        Assert.That(Accounts.DeleteToken(longLived.TokenHash), Is.False);
    }

    [Test]
    public void Many_users_are_registered_at_once_with_their_ids_in_order()
    {
        var now = WholeMilliseconds(DateTime.UtcNow);
        var users = Enumerable.Range(1, 50).Select(i => new User
        {
            Username = $"bulk{i:D2}", NormalizedUsername = $"BULK{i:D2}", PasswordHash = "-", CreatedAt = now, LastSeenAt = i % 2 == 0 ? now : null,
        }).ToList();

        Accounts.RegisterMany(users, [.. Stores.Services.GetServices<IAccountProvisioner>()]);

        Assert.That(users.Select(u => Accounts.FindUser(u.Id)?.Username), Is.EqualTo(users.Select(u => u.Username)));
        Assert.That(users.Select(u => Stores.Get<IInventoryStore>().FindByUser(u.Id)), Is.All.Not.Null);
        Assert.That(Accounts.UserNamesSeenSince(now), Has.Count.EqualTo(25), "a null last-seen is never seen");
    }
}
