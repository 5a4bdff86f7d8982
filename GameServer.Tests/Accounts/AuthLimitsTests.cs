using System.Net;
using System.Text.Json;
using GameServer.Accounts;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.System;
using GameServer.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Accounts;

/// <summary>
/// Issue 10, findings 4, 5 and 6: what registering and logging in may cost. Limits run on a
/// <see cref="FakeTimeProvider"/> that stands still unless the test moves it, so buckets refill only when told.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class AuthLimitsTests
{
    private static readonly IPAddress OtherAddress = IPAddress.Parse("127.0.0.2");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task A_login_flood_from_one_address_is_refused_with_retry_after()
    {
        await using var server = await StartAsync("--Limits:ExemptLoopback=false");
        var flooder = await server.ConnectAsync();
        for (var i = 0; i < 30; i++)
        {
            var failed = Assert.ThrowsAsync<GameRpcException>(() => flooder.LoginAsync(Some.Username(), "not the password"));
            Assert.That(failed.Code, Is.EqualTo(ErrorCodes.Unauthenticated), $"attempt {i + 1} of the 30 a minute allowed");
        }

        var refused = Assert.ThrowsAsync<GameRpcException>(() => flooder.LoginAsync(Some.Username(), "not the password"));
        await using var elsewhere = await RawSocket.ConnectAsync(server.WebSocketUri, OtherAddress);
        var elsewhereAnswer = await LoginAsync(elsewhere, Some.Username(), "not the password");

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.RateLimited));
        Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(2)), "30 a minute: one back every 2 s");
        Assert.That(ErrorCode(elsewhereAnswer), Is.EqualTo(ErrorCodes.Unauthenticated), "another address has a bucket of its own");
        _time.Advance(refused.RetryAfter!.Value);
        var afterWaiting = Assert.ThrowsAsync<GameRpcException>(() => flooder.LoginAsync(Some.Username(), "not the password"));
        Assert.That(afterWaiting.Code, Is.EqualTo(ErrorCodes.Unauthenticated), "after retry_after the address may try again");
    }

    [Test]
    public async Task Password_hashes_beyond_the_queue_are_refused_not_stalled()
    {
        using var hasher = new GatedPasswordHasher();
        await using var server = await InProcessServer.StartAsync(
            services => services.AddSingleton<IPasswordHasher<User>>(hasher),
            "--Limits:ConcurrentPasswordHashes=1", "--Limits:PasswordHashQueue=1");
        var name = Some.Username();
        var (player, _) = await server.ConnectAsUserAsync(name);
        var (first, second, third) = (await server.ConnectAsync(), await server.ConnectAsync(), await server.ConnectAsync());
        hasher.Close();

        var hashing = first.LoginAsync(name, Some.Password);
        await hasher.WaitUntilHeldAsync();
        var waiting = new[] { second.LoginAsync(name, Some.Password), third.LoginAsync(name, Some.Password) };
        var answeredAtOnce = await Task.WhenAny(waiting);
        var refused = Assert.ThrowsAsync<GameRpcException>(() => answeredAtOnce);
        var ping = await player.PingAsync();
        var inventory = await player.MyInventoryAsync();
        hasher.Open();
        var queued = await waiting.Single(t => t != answeredAtOnce);

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.RateLimited), "one hash running, one queued, the third refused");
        Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(ping, Is.Not.Null, "a logged-in player is served while a hash is held");
        Assert.That(inventory.Items, Is.Empty);
        Assert.That((await hashing).User.Username, Is.EqualTo(name));
        Assert.That(queued.User.Username, Is.EqualTo(name), "the queued hash ran once a slot was free");
        Assert.That(hasher.OnThreadPool, Is.Not.Empty.And.All.False, "a hash never holds a thread-pool thread");
    }

    [Test]
    public async Task Failed_logins_from_one_address_do_not_lock_the_owner_out_elsewhere()
    {
        await using var server = await StartAsync("--Limits:ExemptLoopback=false");
        var name = Some.Username("admin");
        await server.ConnectAsUserAsync(name);
        await using var attacker = await RawSocket.ConnectAsync(server.WebSocketUri, OtherAddress);
        for (var i = 0; i < 10; i++)
        {
            Assert.That(ErrorCode(await LoginAsync(attacker, name, "guessed password")), Is.EqualTo(ErrorCodes.Unauthenticated));
        }

        var attackerLockedOut = await LoginAsync(attacker, name, Some.Password);
        var owner = await server.ConnectAsync();
        var ownerLogin = await owner.LoginAsync(name, Some.Password);

        Assert.That(ErrorCode(attackerLockedOut), Is.EqualTo(ErrorCodes.RateLimited), "10 failures lock the name out from that address, even with the right password");
        Assert.That(ownerLogin.User.Username, Is.EqualTo(name), "the owner, from another address, logs in");
    }

    [Test]
    public async Task A_successful_login_resets_the_failure_count()
    {
        await using var server = await StartAsync();
        var name = Some.Username();
        await server.ConnectAsUserAsync(name);
        var client = await server.ConnectAsync();
        Fail(client, name, times: 9);
        await client.LoginAsync(name, Some.Password);

        Fail(client, name, times: 10);
        var lockedOut = Assert.ThrowsAsync<GameRpcException>(() => client.LoginAsync(name, Some.Password));

        Assert.That(lockedOut.Code, Is.EqualTo(ErrorCodes.RateLimited), "10 failures after the success lock the name out again");
        Assert.That(lockedOut.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task The_sixth_registration_from_one_address_in_a_minute_is_refused()
    {
        await using var server = await StartAsync("--Limits:ExemptLoopback=false");
        for (var i = 0; i < 5; i++)
        {
            await server.ConnectAsUserAsync();
        }

        var sixth = Some.Username();
        var refused = Assert.ThrowsAsync<GameRpcException>(() => server.ConnectAsUserAsync(sixth));
        await using var elsewhere = await RawSocket.ConnectAsync(server.WebSocketUri, OtherAddress);
        var fromElsewhere = await elsewhere.CallAsync(Request("auth.register", Some.Username(), Some.Password));

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.RateLimited));
        Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(12)), "5 a minute: one back every 12 s");
        Assert.That(fromElsewhere.TryGetProperty("result", out _), Is.True, "another address registers");
        Assert.That(ErrorCode(await LoginAsync(elsewhere, sixth, Some.Password)), Is.EqualTo(ErrorCodes.Unauthenticated), "the refused user was not made");
        _time.Advance(refused.RetryAfter!.Value);
        Assert.That((await server.ConnectAsUserAsync(sixth)).Auth.User.Username, Is.EqualTo(sixth), "after retry_after the address registers again");
    }

    [Test]
    public async Task Loopback_clients_are_exempt_from_the_per_address_limits_by_default()
    {
        await using var server = await StartAsync();
        var registered = new List<AuthResult>();

        for (var i = 0; i < 6; i++)
        {
            registered.Add((await server.ConnectAsUserAsync()).Auth);
        }

        Assert.That(registered, Has.Count.EqualTo(6), "six registrations from 127.0.0.1 in one (frozen) minute");
    }

    private Task<InProcessServer> StartAsync(params string[] settings) =>
        InProcessServer.StartAsync(
            services =>
            {
                CheapPasswordHashing.Register(services);
                services.AddSingleton<TimeProvider>(_time);
            },
            settings);

    private static void Fail(GameClient client, string name, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var failed = Assert.ThrowsAsync<GameRpcException>(() => client.LoginAsync(name, "wrong password"));
            Assert.That(failed.Code, Is.EqualTo(ErrorCodes.Unauthenticated), $"failure {i + 1} of {times}");
        }
    }

    private static Task<JsonElement> LoginAsync(RawSocket socket, string username, string password) =>
        socket.CallAsync(Request("auth.login", username, password));

    private static string Request(string method, string username, string password) =>
        JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method, @params = new { username, password } });

    private static int? ErrorCode(JsonElement answer) =>
        answer.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : null;
}
