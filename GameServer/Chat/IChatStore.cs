using GameServer.Storage;

namespace GameServer.Chat;

/// <summary>The chat's messages, on either provider.</summary>
public interface IChatStore : IRecordSource
{
    /// <summary>Stores the message; it gets the next id.</summary>
    void Insert(ChatMessageRecord message);

    /// <summary>The latest <paramref name="count"/> messages by id, newest first.</summary>
    IReadOnlyList<ChatMessageRecord> Newest(int count);
}
