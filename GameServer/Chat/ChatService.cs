using System.Reactive.Linq;
using System.Reactive.Subjects;
using GameServer.Cluster;
using GameServer.Limits;
using GameServer.Protocol;
using GameServer.Protocol.Chat;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Chat;

/// <summary>
/// The rules of the chat, in one place for its JSON-RPC methods: who listens, what a message may
/// be, how often a user may send, and the order in which messages are stored and pushed.
/// </summary>
public sealed partial class ChatService(
    IChatStore store,
    SessionRegistry sessions,
    SessionBus sessionBus,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<ChatService> logger)
{
    private const int MaxTextLength = 500;

    private const string Topic = "chat";

    private readonly ChatOptions _options = options.Value;

    private readonly Subscribers _subscribers = new(sessions);

    // On the server's clock, so a test can end the window in virtual time.
    private readonly FixedWindows<int> _sendLimits = new(options.Value.MessagesPerWindow, options.Value.Window, time);

    // Storing and pushing under one lock gives every subscriber the messages in id order, and lets
    // a new subscriber's history end exactly where its notifications begin: no gap, no duplicate.
    private readonly Lock _order = new();

    private readonly Subject<ChatMessage> _sent = new();

    // Whether this node hears the chat of the others: from its first subscriber on.
    private bool _topicAdded;

    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>Subscribes the session to <c>chat.message</c> (again is harmless) and returns the latest messages.</summary>
    public ChatHistory Subscribe(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_order)
        {
            AddTopicOnce();
            _subscribers.Add(session);
            return Latest(_options.HistoryLimit);
        }
    }

    /// <summary>Stops <c>chat.message</c> for the session; false when it was not subscribed.</summary>
    public bool Unsubscribe(Session session) => _subscribers.Remove(session);

    /// <summary>Every message sent, once stored and pushed, on the sender's thread: for features that follow the game (analytics) without Chat knowing them.</summary>
    public IObservable<ChatMessage> Sent => _sent.AsObservable();

    /// <summary>
    /// Validates the text, counts the message against the sender's limit, stores it and pushes it to
    /// every subscriber, serialised once. Invalid text is refused before it uses up any of the limit.
    /// </summary>
    public ChatMessage Send(SessionUser sender, string? text)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var validText = ValidText(text);
        if (!_sendLimits.TryTake(sender.Id, out var retryAfter))
        {
            throw RpcException.RateLimited(retryAfter);
        }

        ChatMessage message;
        lock (_order)
        {
            var record = new ChatMessageRecord { User = sender.Id, Username = sender.Username, Text = validText, At = WholeMilliseconds(time.GetUtcNow()) };
            store.Insert(record);
            message = ToContract(record);
            var recipients = sessionBus.Broadcast(Topic, Notification.Create(Methods.ChatMessage, message, Json.ChatMessage));
            LogSent(message.Id, sender.Username, recipients);
        }

        // Outside the lock: a follower never holds up the next sender.
        _sent.OnNext(message);
        return message;
    }

    /// <summary>The latest <paramref name="limit"/> messages (<c>Chat:HistoryLimit</c> when null), oldest first.</summary>
    public ChatHistory History(int? limit)
    {
        var count = limit ?? _options.HistoryLimit;
        if (count is < 1 or > ChatOptions.MaxHistoryLimit)
        {
            throw RpcException.InvalidParams("limit", $"must be 1 to {ChatOptions.MaxHistoryLimit}");
        }

        return Latest(count);
    }

    // Called under _order. A message from any node reaches this node's subscribers under the same lock
    // as a subscription's history, so that history never misses a message sent before its first notification.
    private void AddTopicOnce()
    {
        if (_topicAdded)
        {
            return;
        }

        sessionBus.AddTopic(Topic, message =>
        {
            lock (_order)
            {
                return _subscribers.Broadcast(message);
            }
        });
        _topicAdded = true;
    }

    private ChatHistory Latest(int count) => new([.. store.Newest(count).Reverse().Select(ToContract)]);

    // Code points, not UTF-16 units: an emoji counts as one character, as the sender sees it.
    private static string ValidText(string? text)
    {
        var trimmed = text?.Trim() ?? throw RpcException.InvalidParams("text", "is required");
        return trimmed.EnumerateRunes().Count() is >= 1 and <= MaxTextLength
            ? trimmed
            : throw RpcException.InvalidParams("text", $"must be 1 to {MaxTextLength} characters after trimming");
    }

    // LiteDB keeps dates to the millisecond; cutting here makes the answer to chat.send equal the stored message.
    private static DateTime WholeMilliseconds(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    // LiteDB reads dates back in local time.
    private static ChatMessage ToContract(ChatMessageRecord record) =>
        new(record.Id, record.User, record.Username, record.Text, new DateTimeOffset(record.At.ToUniversalTime()));

    [LoggerMessage(LogLevel.Debug, "Chat message {MessageId} by {User} went to {Recipients} subscribers on this node")]
    private partial void LogSent(int messageId, string user, int recipients);
}
