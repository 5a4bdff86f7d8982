using GameServer.Protocol.Chat;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.Chat;

/// <summary>How long a message may be, how often a user may send, and how much history one may ask for.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class ChatLimitsTests
{
    private const int MessagesPerWindow = 5;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private InProcessServer _server = null!;

    // A window of a minute cannot end during a test, so the counts below are exact without a clock.
    [SetUp]
    public async Task Start() =>
        _server = await InProcessServer.StartAsync($"--Chat:MessagesPerWindow={MessagesPerWindow}", $"--Chat:Window={Window}");

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Text_is_trimmed_and_must_be_1_to_500_characters()
    {
        var (alice, _) = await _server.ConnectAsUserAsync();

        var longest = await alice.SendChatAsync($"  {new string('a', 500)}\n");
        var emoji = await alice.SendChatAsync(string.Concat(Enumerable.Repeat("😀", 500)));
        var refused = new[] { "", " \t\n ", new string('a', 501) }
            .Select(text => Assert.ThrowsAsync<GameRpcException>(() => alice.SendChatAsync(text)))
            .ToList();

        Assert.That(longest.Text, Is.EqualTo(new string('a', 500)));
        Assert.That(emoji.Text, Has.Length.EqualTo(1000), "an emoji is one character, though two UTF-16 units");
        Assert.That(refused.Select(e => (e!.Code, e.Field)), Is.All.EqualTo((ErrorCodes.InvalidParams, "text")));
        Assert.That((await alice.ChatHistoryAsync()).Messages, Is.EqualTo(new[] { longest, emoji }), "refused messages are not kept");
    }

    [Test]
    public async Task A_user_over_the_rate_limit_is_refused_and_others_are_not()
    {
        var (alice, _) = await _server.ConnectAsUserAsync();
        var (bob, _) = await _server.ConnectAsUserAsync();
        Assert.ThrowsAsync<GameRpcException>(() => alice.SendChatAsync("   "));
        for (var i = 1; i <= MessagesPerWindow; i++)
        {
            await alice.SendChatAsync($"message {i}");
        }

        var refused = Assert.ThrowsAsync<GameRpcException>(() => alice.SendChatAsync("one too many"));
        await bob.SendChatAsync("my turn");

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.RateLimited));
        Assert.That(refused.Data!.Value.GetProperty("retry_after_ms").GetInt64(), Is.InRange(1, (long)Window.TotalMilliseconds));
        var texts = (await bob.ChatHistoryAsync(200)).Messages.Select(m => m.Text);
        Assert.That(texts, Is.EqualTo(Enumerable.Range(1, MessagesPerWindow).Select(i => $"message {i}").Append("my turn")),
            "invalid text does not count against the limit, and a refused message is not kept");
    }

    [Test]
    public async Task The_limit_lifts_exactly_when_the_window_ends_in_virtual_time()
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(clock.Register, "--Chat:MessagesPerWindow=2", "--Chat:Window=00:00:05");
        var (alice, _) = await server.ConnectAsUserAsync();
        await alice.SendChatAsync("one");
        clock.Time.Advance(TimeSpan.FromSeconds(1));
        await alice.SendChatAsync("two");

        clock.Time.Advance(TimeSpan.FromSeconds(3.999));
        var refused = Assert.ThrowsAsync<GameRpcException>(() => alice.SendChatAsync("too early"));
        clock.Time.Advance(TimeSpan.FromMilliseconds(1));
        var accepted = await alice.SendChatAsync("on time");

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.RateLimited));
        Assert.That(refused.Data!.Value.GetProperty("retry_after_ms").GetInt64(), Is.EqualTo(1), "the window began with the first message");
        Assert.That(accepted.Text, Is.EqualTo("on time"));
    }

    [Test]
    public async Task History_gives_as_many_as_asked_up_to_200()
    {
        var (alice, _) = await _server.ConnectAsUserAsync();
        var sent = new List<ChatMessage>();
        for (var i = 1; i <= 4; i++)
        {
            sent.Add(await alice.SendChatAsync($"message {i}"));
        }

        var lastTwo = await alice.ChatHistoryAsync(2);
        var upTo200 = await alice.ChatHistoryAsync(200);
        var refused = new[] { 0, -1, 201 }
            .Select(limit => Assert.ThrowsAsync<GameRpcException>(() => alice.ChatHistoryAsync(limit)))
            .ToList();

        Assert.That(lastTwo.Messages, Is.EqualTo(sent.Skip(2)));
        Assert.That(upTo200.Messages, Is.EqualTo(sent));
        Assert.That(refused.Select(e => (e!.Code, e.Field)), Is.All.EqualTo((ErrorCodes.InvalidParams, "limit")));
    }
}
