using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Accounts;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class AuthTests
{
    private InProcessServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await InProcessServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Register_logs_the_connection_in_and_returns_a_token()
    {
        var client = await _server.ConnectAsync();
        var name = Some.Username("Alice");

        var auth = await client.RegisterAsync(name, Some.Password);

        Assert.That(auth.User.Username, Is.EqualTo(name));
        Assert.That(auth.User.IsAdmin, Is.False);
        Assert.That(auth.User.Id, Is.GreaterThan(0));
        Assert.That(Convert.FromBase64String(Base64Pad(auth.Token)), Has.Length.EqualTo(32), "a token carries 256 random bits");
        Assert.That(await client.LogoutAsync(), Is.EqualTo(new LogoutResult(true)), "a logged-in connection may call user methods");
    }

    [Test]
    public async Task Register_refuses_a_name_taken_in_another_case()
    {
        var (_, first) = await _server.ConnectAsUserAsync("Bob_the.Builder-1");
        var other = await _server.ConnectAsync();

        var error = Assert.ThrowsAsync<GameRpcException>(() => other.RegisterAsync("bob_THE.builder-1", Some.Password));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.Conflict));
        Assert.That(error.Field, Is.EqualTo("username"));
        Assert.That(first.User.Username, Is.EqualTo("Bob_the.Builder-1"));
    }

    [TestCase("ab", TestName = "too short")]
    [TestCase("a_name_that_is_far_longer_than_32c", TestName = "too long")]
    [TestCase("with space", TestName = "space")]
    [TestCase("émile", TestName = "non-ascii")]
    [TestCase("semi;colon", TestName = "punctuation")]
    public async Task Register_refuses_a_bad_username(string username)
    {
        var client = await _server.ConnectAsync();

        var error = Assert.ThrowsAsync<GameRpcException>(() => client.RegisterAsync(username, Some.Password));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Field, Is.EqualTo("username"));
    }

    [Test]
    public async Task Register_refuses_a_password_under_8_characters()
    {
        var client = await _server.ConnectAsync();

        var error = Assert.ThrowsAsync<GameRpcException>(() => client.RegisterAsync(Some.Username(), "1234567"));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Field, Is.EqualTo("password"));
        Assert.That(await client.RegisterAsync(Some.Username(), "12345678"), Is.Not.Null, "8 characters are enough");
    }

    [Test]
    public async Task Login_with_the_right_password_returns_a_new_token()
    {
        var name = Some.Username();
        var (_, registered) = await _server.ConnectAsUserAsync(name);
        var device = await _server.ConnectAsync();

        var auth = await device.LoginAsync(name.ToUpperInvariant(), Some.Password);

        Assert.That(auth.User, Is.EqualTo(registered.User), "login ignores the case of the name");
        Assert.That(auth.Token, Is.Not.EqualTo(registered.Token));
    }

    [Test]
    public async Task Wrong_password_and_unknown_user_get_the_same_error()
    {
        var name = Some.Username();
        await _server.ConnectAsUserAsync(name);
        var client = await _server.ConnectAsync();

        var wrongPassword = Assert.ThrowsAsync<GameRpcException>(() => client.LoginAsync(name, "not the password"));
        var unknownUser = Assert.ThrowsAsync<GameRpcException>(() => client.LoginAsync(Some.Username(), "not the password"));

        Assert.That(wrongPassword.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        Assert.That(unknownUser.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        Assert.That(unknownUser.RpcMessage, Is.EqualTo(wrongPassword.RpcMessage));
    }

    [Test]
    public async Task Repeated_failed_logins_are_rate_limited()
    {
        // On a clock that stands still: on the wall clock a slow machine refilled the bucket between failures.
        await using var server = await InProcessServer.StartAsync(new VirtualClock().Register);
        var name = Some.Username();
        await server.ConnectAsUserAsync(name);
        var client = await server.ConnectAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.ThrowsAsync<GameRpcException>(() => client.LoginAsync(name, "wrong password"));
        }

        var error = Assert.ThrowsAsync<GameRpcException>(() => client.LoginAsync(name, Some.Password));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.RateLimited));
    }

    [Test]
    public async Task Methods_other_than_system_and_auth_need_a_login()
    {
        var client = await _server.ConnectAsync();

        Assert.That(await client.PingAsync(), Is.Not.Null);
        Assert.That(Assert.ThrowsAsync<GameRpcException>(() => client.InfoAsync()).Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        var error = Assert.ThrowsAsync<GameRpcException>(() => client.LogoutAsync());
        Assert.That(error.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
    }

    [Test]
    public async Task Resume_continues_as_the_same_user_on_another_connection()
    {
        var (_, registered) = await _server.ConnectAsUserAsync();
        var second = await _server.ConnectAsync();

        var resumed = await second.ResumeAsync(registered.Token);

        Assert.That(resumed.User, Is.EqualTo(registered.User));
        Assert.That(resumed.Token, Is.EqualTo(registered.Token));
    }

    [TestCase("not-a-token")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("")]
    public async Task Resume_refuses_an_unknown_token(string token)
    {
        var client = await _server.ConnectAsync();

        var error = Assert.ThrowsAsync<GameRpcException>(() => client.ResumeAsync(token));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
    }

    [Test]
    public async Task Logout_revokes_that_token_only()
    {
        var name = Some.Username();
        var (phone, registered) = await _server.ConnectAsUserAsync(name);
        var laptop = await _server.ConnectAsync();
        var laptopLogin = await laptop.LoginAsync(name, Some.Password);

        await phone.LogoutAsync();

        var afterLogout = Assert.ThrowsAsync<GameRpcException>(() => phone.LogoutAsync());
        Assert.That(afterLogout.Code, Is.EqualTo(ErrorCodes.Unauthenticated), "the connection is logged out");
        var fresh = await _server.ConnectAsync();
        var revoked = Assert.ThrowsAsync<GameRpcException>(() => fresh.ResumeAsync(registered.Token));
        Assert.That(revoked.Code, Is.EqualTo(ErrorCodes.Unauthenticated), "the revoked token no longer resumes");
        Assert.That((await fresh.ResumeAsync(laptopLogin.Token)).User.Username, Is.EqualTo(name), "the other device's token still works");
    }

    [Test]
    public async Task An_expired_token_does_not_resume()
    {
        await using var shortLived = await InProcessServer.StartAsync("--Accounts:TokenLifetime=00:00:00.001");
        var (_, registered) = await shortLived.ConnectAsUserAsync();
        await Task.Delay(5);
        var client = await shortLived.ConnectAsync();

        var error = Assert.ThrowsAsync<GameRpcException>(() => client.ResumeAsync(registered.Token));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
    }

    [Test]
    public async Task One_user_on_two_connections_uses_both()
    {
        var name = Some.Username();
        var (first, registered) = await _server.ConnectAsUserAsync(name);
        var second = await _server.ConnectAsync();
        await second.ResumeAsync(registered.Token);

        var pings = await Task.WhenAll(first.PingAsync(), second.PingAsync());
        var info = await first.InfoAsync();

        Assert.That(pings, Has.Length.EqualTo(2));
        Assert.That(info.Connections, Is.EqualTo(2));
    }

    private static string Base64Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
