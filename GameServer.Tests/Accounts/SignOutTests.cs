using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Accounts;

/// <summary>
/// Issue 10, finding 10: a revoked or expired token left the sessions using it logged in. Now each
/// of them is signed out at once and told why with <c>auth.signed_out</c>.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class SignOutTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Logout_signs_out_every_session_using_the_token()
    {
        await using var server = await InProcessServer.StartAsync();
        var name = Some.Username();
        var (caller, auth) = await server.ConnectAsUserAsync(name);
        var (second, third) = (await ResumeAsync(server, auth.Token), await ResumeAsync(server, auth.Token));
        var otherDevice = await server.ConnectAsync();
        await otherDevice.LoginAsync(name, Some.Password);
        var callerLog = new NotificationLog(caller);
        var told = new[] { SignedOutAsync(second), SignedOutAsync(third) };

        await caller.LogoutAsync();

        Assert.That((await Task.WhenAll(told)).Select(n => n.Reason), Is.All.EqualTo(SignOutReasons.Logout));
        AssertSignedOut(second, third, caller);
        Assert.That(await otherDevice.MyInventoryAsync(), Is.Not.Null, "a session with another token of the user stays");
        await callerLog.SettleAsync();
        Assert.That(callerLog.Of(Methods.AuthSignedOut), Is.Empty, "the caller has its answer; it is not told again");
    }

    [Test]
    public async Task A_password_reset_signs_out_every_session_of_the_user()
    {
        await using var server = await InProcessServer.StartAsync();
        var (admin, _) = await server.ConnectAsAdminAsync();
        var name = Some.Username();
        var (phone, auth) = await server.ConnectAsUserAsync(name);
        var laptop = await server.ConnectAsync();
        await laptop.LoginAsync(name, Some.Password);
        var told = new[] { SignedOutAsync(phone), SignedOutAsync(laptop) };

        await admin.SetPasswordAsync(auth.User.Id, "a brand new password");

        Assert.That((await Task.WhenAll(told)).Select(n => n.Reason), Is.All.EqualTo(SignOutReasons.PasswordReset));
        AssertSignedOut(phone, laptop);
    }

    [Test]
    public async Task A_session_is_signed_out_when_its_token_expires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await InProcessServer.StartAsync(services => services.AddSingleton<TimeProvider>(time), "--Accounts:TokenLifetime=01:00:00");
        var (first, auth) = await server.ConnectAsUserAsync();
        time.Advance(TimeSpan.FromMinutes(30));
        var second = await ResumeAsync(server, auth.Token);
        var told = new[] { SignedOutAsync(first), SignedOutAsync(second) };

        time.Advance(TimeSpan.FromMinutes(29));
        Assert.That(await first.MyInventoryAsync(), Is.Not.Null, "a minute before expiry the session works");
        Assert.That(told.Select(t => t.IsCompleted), Is.All.False);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.That((await Task.WhenAll(told)).Select(n => n.Reason), Is.All.EqualTo(SignOutReasons.Expired));
        AssertSignedOut(first, second);
        Assert.That(Assert.ThrowsAsync<GameRpcException>(() => first.ResumeAsync(auth.Token)).Code, Is.EqualTo(ErrorCodes.Unauthenticated));
    }

    [Test]
    public async Task Sessions_of_tokens_that_expire_at_different_times_are_each_signed_out_at_their_own()
    {
        // One timer serves every expiry (issue 16): it must fire for the earliest and wait again for the next.
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await InProcessServer.StartAsync(services => services.AddSingleton<TimeProvider>(time), "--Accounts:TokenLifetime=01:00:00");
        var (early, _) = await server.ConnectAsUserAsync();
        time.Advance(TimeSpan.FromMinutes(20));
        var (late, _) = await server.ConnectAsUserAsync();
        var earlyTold = SignedOutAsync(early);
        var lateTold = SignedOutAsync(late);

        time.Advance(TimeSpan.FromMinutes(40));
        Assert.That((await earlyTold).Reason, Is.EqualTo(SignOutReasons.Expired));
        AssertSignedOut(early);
        Assert.That(await late.MyInventoryAsync(), Is.Not.Null, "the later token has 20 minutes left");
        Assert.That(lateTold.IsCompleted, Is.False);

        // (The early session, anonymous now, meets its login deadline meanwhile and is closed.)
        time.Advance(TimeSpan.FromMinutes(20));
        Assert.That((await lateTold).Reason, Is.EqualTo(SignOutReasons.Expired));
        AssertSignedOut(late);
    }

    private static async Task<GameClient> ResumeAsync(InProcessServer server, string token)
    {
        var client = await server.ConnectAsync();
        await client.ResumeAsync(token);
        return client;
    }

    private static async Task<SignedOut> SignedOutAsync(GameClient client) =>
        (await client.WaitForNotificationAsync(Methods.AuthSignedOut).WaitAsync(Wait)).Read(GameJsonContext.Default.SignedOut);

    private static void AssertSignedOut(params GameClient[] clients)
    {
        foreach (var client in clients)
        {
            var error = Assert.ThrowsAsync<GameRpcException>(() => client.MyInventoryAsync());
            Assert.That(error.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        }
    }
}
