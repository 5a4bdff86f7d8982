using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Chat;

/// <summary>Who hears a chat message, and what is kept of it.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class ChatTests
{
    private const int HistoryLimit = 3;
    private static readonly TimeSpan NotificationTimeout = TimeSpan.FromSeconds(5);
    private InProcessServer _server = null!;

    [SetUp]
    public async Task Start() => _server = await InProcessServer.StartAsync($"--Chat:HistoryLimit={HistoryLimit}");

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task A_message_reaches_every_subscriber_and_nobody_else()
    {
        var (alice, aliceAuth) = await _server.ConnectAsUserAsync();
        var (bob, _) = await _server.ConnectAsUserAsync();
        var (carol, _) = await _server.ConnectAsUserAsync();
        await alice.SubscribeToChatAsync();
        await bob.SubscribeToChatAsync();
        var carolHeard = new List<GameNotification>();
        carol.NotificationReceived += carolHeard.Add;

        var aliceGot = alice.WaitForNotificationAsync(Methods.ChatMessage);
        var bobGot = bob.WaitForNotificationAsync(Methods.ChatMessage);
        var sent = await alice.SendChatAsync("  hello, world \n");
        var pushed = await Task.WhenAll(aliceGot, bobGot).WaitAsync(NotificationTimeout);

        Assert.That(sent, Is.EqualTo(new ChatMessage(sent.Id, aliceAuth.User.Id, aliceAuth.User.Username, "hello, world", sent.At)));
        Assert.That(sent.At, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(pushed.Select(n => n.Read(GameJsonContext.Default.ChatMessage)), Is.All.EqualTo(sent), "the sender hears it too when subscribed");
        await carol.PingAsync();
        Assert.That(carolHeard, Is.Empty, "a user who did not subscribe hears nothing");
    }

    [Test]
    public async Task Subscribing_returns_the_latest_messages_oldest_first()
    {
        var (alice, _) = await _server.ConnectAsUserAsync();
        var sent = new List<ChatMessage>();
        for (var i = 1; i <= HistoryLimit + 1; i++)
        {
            sent.Add(await alice.SendChatAsync($"message {i}"));
        }

        var (bob, _) = await _server.ConnectAsUserAsync();
        var history = await bob.SubscribeToChatAsync();

        Assert.That(history.Messages, Is.EqualTo(sent.Skip(1)));
        Assert.That(sent.Select(m => m.Id), Is.Ordered.Ascending.And.Unique);
    }

    [Test]
    public async Task Unsubscribing_stops_the_messages()
    {
        var (alice, _) = await _server.ConnectAsUserAsync();
        var (bob, _) = await _server.ConnectAsUserAsync();
        await alice.SubscribeToChatAsync();
        await bob.SubscribeToChatAsync();
        var first = await bob.UnsubscribeFromChatAsync();
        var again = await bob.UnsubscribeFromChatAsync();
        var bobHeard = new List<GameNotification>();
        bob.NotificationReceived += bobHeard.Add;

        var aliceGot = alice.WaitForNotificationAsync(Methods.ChatMessage);
        await alice.SendChatAsync("anyone there?");
        await aliceGot.WaitAsync(NotificationTimeout);
        await bob.PingAsync();

        Assert.That(bobHeard, Is.Empty);
        Assert.That(new[] { first, again }, Is.All.EqualTo(new ChatUnsubscribeResult(true)), "unsubscribing twice is harmless");
    }

    [Test]
    public async Task Logging_out_leaves_the_chat()
    {
        var (alice, _) = await _server.ConnectAsUserAsync();
        var (bob, bobAuth) = await _server.ConnectAsUserAsync();
        await bob.SubscribeToChatAsync();
        await bob.LogoutAsync();
        await bob.LoginAsync(bobAuth.User.Username, Some.Password);
        var bobHeard = new List<GameNotification>();
        bob.NotificationReceived += bobHeard.Add;

        await alice.SendChatAsync("bob?");
        await bob.PingAsync();

        Assert.That(bobHeard, Is.Empty, "logging in again does not subscribe again");
    }

    [Test]
    public async Task Chat_needs_a_login()
    {
        var anonymous = await _server.ConnectAsync();

        var errors = new[]
        {
            Assert.ThrowsAsync<GameRpcException>(() => anonymous.SubscribeToChatAsync()),
            Assert.ThrowsAsync<GameRpcException>(() => anonymous.SendChatAsync("hi")),
            Assert.ThrowsAsync<GameRpcException>(() => anonymous.ChatHistoryAsync()),
        };

        Assert.That(errors.Select(e => e!.Code), Is.All.EqualTo(ErrorCodes.Unauthenticated));
    }

    [Test]
    public async Task History_survives_a_restart()
    {
        var (alice, _) = await _server.ConnectAsUserAsync();
        var sent = new[] { await alice.SendChatAsync("before"), await alice.SendChatAsync("the restart") };

        _server = await _server.RestartAsync();
        var (bob, _) = await _server.ConnectAsUserAsync();
        var history = await bob.ChatHistoryAsync();
        var after = await bob.SendChatAsync("after it");

        Assert.That(history.Messages, Is.EqualTo(sent));
        Assert.That(after.Id, Is.GreaterThan(sent[^1].Id), "ids keep counting up after a restart");
    }

    [Test]
    public async Task The_time_comes_from_the_server_clock_in_UTC_to_the_millisecond()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(9_999);
        await using var server = await InProcessServer.StartAsync(new VirtualClock(now).Register);
        var (alice, _) = await server.ConnectAsUserAsync();
        await alice.SubscribeToChatAsync();

        var pushed = alice.WaitForNotificationAsync(Methods.ChatMessage);
        var sent = await alice.SendChatAsync("what time is it?");
        var onTheWire = (await pushed.WaitAsync(NotificationTimeout)).Params.GetProperty("at").GetString();

        Assert.That(sent.At, Is.EqualTo(new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero)));
        Assert.That(onTheWire, Is.EqualTo("2030-01-02T03:04:05.678+00:00"));
        Assert.That((await alice.ChatHistoryAsync()).Messages, Is.EqualTo(new[] { sent }), "the stored message equals the one answered");
    }
}
