using GameServer.Storage;
using GameServer.Storage.LiteDb;
using LiteDB;

namespace GameServer.Chat;

/// <summary>The <c>chat_messages</c> collection of the LiteDB file.</summary>
public sealed class LiteDbChatStore(GameDatabase database, StoreMetrics metrics) : IChatStore
{
    internal const string Collection = "chat_messages";
    private const string Store = "chat";

    private readonly ILiteCollection<ChatMessageRecord> _messages = database.Collection<ChatMessageRecord>(Collection);

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<ChatMessageRecord>(Collection, () => _messages.LongCount(), () => _messages.Query().OrderBy(m => m.Id).ToEnumerable().Select(Utc), Import, () => _messages.DeleteAll()),
    ];

    public void Insert(ChatMessageRecord message)
    {
        using var timing = metrics.Time(Store, "insert");
        _messages.Insert(message);
    }

    /// <summary>
    /// Ids grow with every message, so the primary key index, walked backwards, reads just these
    /// documents; <c>At</c> comes from a wall clock that may step back, so it is not the order.
    /// </summary>
    public IReadOnlyList<ChatMessageRecord> Newest(int count)
    {
        using var timing = metrics.Time(Store, "newest");
        return [.. _messages.Query().OrderByDescending(m => m.Id).Limit(count).ToEnumerable().Select(Utc)];
    }

    private void Import(IReadOnlyList<ChatMessageRecord> messages) =>
        database.InTransaction(() => _messages.InsertBulk(messages, batchSize: Math.Max(messages.Count, 1)));

    private static ChatMessageRecord Utc(ChatMessageRecord message)
    {
        message.At = GameDatabase.Utc(message.At);
        return message;
    }
}
