using Dapper;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using NpgsqlTypes;

namespace GameServer.Chat;

/// <summary>The <c>chat_messages</c> table of the PostgreSQL database.</summary>
public sealed class PostgresChatStore(PostgresDatabase database, StoreMetrics metrics) : IChatStore
{
    private const string Store = "chat";
    private const string Columns = "id, user_id AS \"user\", username, text, at";

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<ChatMessageRecord>("chat_messages", () => database.Run(c => c.ExecuteScalar<long>("SELECT count(*) FROM chat_messages")), () => database.Stream<ChatMessageRecord>($"SELECT {Columns} FROM chat_messages ORDER BY id"), Import, () => database.Truncate("chat_messages")),
    ];

    public void Insert(ChatMessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var timing = metrics.Time(Store, "insert");
        message.Id = database.Run(c => c.ExecuteScalar<int>(
            "INSERT INTO chat_messages (user_id, username, text, at) VALUES (@User, @Username, @Text, @at) RETURNING id",
            new { message.User, message.Username, message.Text, at = PostgresDatabase.Utc(message.At) }));
    }

    /// <summary>Walks the primary key backwards: ids, not the wall-clock <c>at</c>, are the chat's order.</summary>
    public IReadOnlyList<ChatMessageRecord> Newest(int count)
    {
        using var timing = metrics.Time(Store, "newest");
        return database.Run(c => c.Query<ChatMessageRecord>($"SELECT {Columns} FROM chat_messages ORDER BY id DESC LIMIT @count", new { count }).AsList());
    }

    private void Import(IReadOnlyList<ChatMessageRecord> records) =>
        database.Import("chat_messages", "id, user_id, username, text, at", records, (row, m) =>
        {
            row.Write(m.Id, NpgsqlDbType.Integer);
            row.Write(m.User, NpgsqlDbType.Integer);
            row.Write(m.Username, NpgsqlDbType.Text);
            row.Write(m.Text, NpgsqlDbType.Text);
            row.Write(PostgresDatabase.Utc(m.At), NpgsqlDbType.TimestampTz);
        });
}
