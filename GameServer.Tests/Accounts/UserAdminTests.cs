using GameServer.Accounts;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Accounts;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class UserAdminTests
{
    private InProcessServer _server = null!;
    private GameClient _admin = null!;
    private AuthResult _adminAuth = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync();
        (_admin, _adminAuth) = await _server.ConnectAsAdminAsync();
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task An_admin_lists_users_and_a_player_may_not()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();

        var users = await _admin.ListUsersAsync();
        var refused = Assert.ThrowsAsync<GameRpcException>(() => player.ListUsersAsync());

        Assert.That(users, Does.Contain(auth.User).And.Contain(_adminAuth.User));
        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.Forbidden));
    }

    [Test]
    public async Task Granted_admin_rights_work_at_once_on_the_users_open_connection()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();
        Assert.ThrowsAsync<GameRpcException>(() => player.CreateItemAsync("Banner", 1));

        var granted = await _admin.SetAdminAsync(auth.User.Id, isAdmin: true);
        var item = await player.CreateItemAsync("Banner", 1);
        await _admin.SetAdminAsync(auth.User.Id, isAdmin: false);
        var revoked = Assert.ThrowsAsync<GameRpcException>(() => player.DeleteItemAsync(item.Id));

        Assert.That(granted.IsAdmin, Is.True);
        Assert.That(revoked.Code, Is.EqualTo(ErrorCodes.Forbidden));
    }

    [Test]
    public async Task A_revoked_admin_is_told_on_every_open_connection()
    {
        var (other, auth) = await _server.ConnectAsAdminAsync();
        var changed = other.WaitForNotificationAsync(Protocol.Methods.AuthUserChanged);

        await _admin.SetAdminAsync(auth.User.Id, isAdmin: false);

        var told = (await changed.WaitAsync(TimeSpan.FromSeconds(5))).Read(Protocol.GameJsonContext.Default.UserChanged);
        Assert.That(told.User, Is.EqualTo(auth.User with { IsAdmin = false }));
        Assert.That(Assert.ThrowsAsync<GameRpcException>(() => other.ListUsersAsync()).Code, Is.EqualTo(ErrorCodes.Forbidden), "the rights went before the notice");
    }

    [Test]
    public void An_admin_cannot_revoke_its_own_rights()
    {
        var error = Assert.ThrowsAsync<GameRpcException>(() => _admin.SetAdminAsync(_adminAuth.User.Id, isAdmin: false));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.Conflict));
    }

    [Test]
    public async Task A_password_reset_logs_out_every_device_of_the_user()
    {
        var name = Some.Username();
        var (player, auth) = await _server.ConnectAsUserAsync(name);

        await _admin.SetPasswordAsync(auth.User.Id, "a brand new password");

        var loggedOut = Assert.ThrowsAsync<GameRpcException>(() => player.MyInventoryAsync());
        var oldToken = Assert.ThrowsAsync<GameRpcException>(() => player.ResumeAsync(auth.Token));
        var oldPassword = Assert.ThrowsAsync<GameRpcException>(() => player.LoginAsync(name, Some.Password));
        Assert.That(loggedOut.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        Assert.That(oldToken.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        Assert.That(oldPassword.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        Assert.That((await player.LoginAsync(name, "a brand new password")).User.Id, Is.EqualTo(auth.User.Id));
    }

    [Test]
    public async Task A_short_password_is_refused_and_the_old_one_kept()
    {
        var name = Some.Username();
        var (_, auth) = await _server.ConnectAsUserAsync(name);

        var error = Assert.ThrowsAsync<GameRpcException>(() => _admin.SetPasswordAsync(auth.User.Id, "short"));

        Assert.That(error.Field, Is.EqualTo("password"));
        Assert.That(await (await _server.ConnectAsync()).LoginAsync(name, Some.Password), Is.Not.Null);
    }
}

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class ExpiredTokenCleanupTests
{
    [Test]
    public async Task Expired_tokens_are_deleted_by_the_hourly_job()
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(clock.Register, "--Accounts:TokenLifetime=00:00:00.001");
        var (_, auth) = await server.ConnectAsUserAsync();
        var store = server.Services.GetRequiredService<IAccountStore>();
        var accounts = server.Services.GetRequiredService<AccountService>();
        Assert.That(accounts.Authenticate(auth.Token), Is.Not.Null, "the clock stands still: not expired yet");
        clock.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(accounts.Authenticate(auth.Token), Is.Null, "expired a millisecond later");

        await clock.AdvanceAsync(server, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30));

        Assert.That(store.DeleteTokensOf(auth.User.Id), Is.Zero, "the job had deleted the expired token");
    }
}
