using GameServer.Storage.LiteDb;

namespace GameServer.Chat;

/// <summary>
/// Schema version 12: the chat's collection exists from the start. The first <c>chat.send</c> used to
/// create it while <c>chat.history</c> calls read it, and LiteDB closed the whole database on that race
/// (see <see cref="GameDatabase.EnsureCollection"/>).
/// </summary>
public sealed class ChatCollectionMigration : IMigration
{
    public int Version => 12;

    public string Description => "chat: the chat_messages collection is made at start-up";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.EnsureCollection(LiteDbChatStore.Collection);
    }
}
