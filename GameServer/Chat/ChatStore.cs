using GameServer.Storage;
using LiteDB;

namespace GameServer.Chat;

/// <summary>The <c>chat_messages</c> collection.</summary>
public sealed class ChatStore(GameDatabase database, StoreMetrics? metrics = null)
{
    internal const string Collection = "chat_messages";

    private readonly ILiteCollection<ChatMessageRecord> _messages = database.Collection<ChatMessageRecord>(Collection);
    private readonly StoreMetrics _metrics = metrics ?? StoreMetrics.Unrecorded;

    /// <summary>Stores the message; it gets the next id.</summary>
    public void Insert(ChatMessageRecord message)
    {
        using var timing = _metrics.Time("chat", "insert");
        _messages.Insert(message);
    }

    /// <summary>
    /// The latest <paramref name="count"/> messages, newest first. Ids grow with every message, so the
    /// primary key index, walked backwards, reads just these documents; <c>At</c> comes from a wall
    /// clock that may step back, so it is not the order.
    /// </summary>
    public IReadOnlyList<ChatMessageRecord> Newest(int count)
    {
        using var timing = _metrics.Time("chat", "newest");
        return _messages.Query().OrderByDescending(m => m.Id).Limit(count).ToList();
    }
}
