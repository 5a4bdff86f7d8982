namespace GameServer.Chat;

/// <summary>A chat message as stored.</summary>
public sealed class ChatMessageRecord
{
    /// <summary>Grows with every message: the order of the chat.</summary>
    public int Id { get; set; }

    /// <summary>The sender's user id.</summary>
    public int User { get; set; }

    /// <summary>The sender's name at the time, kept so that reading history needs no join.</summary>
    public string Username { get; set; } = "";

    /// <summary>Trimmed, 1–500 code points.</summary>
    public string Text { get; set; } = "";

    /// <summary>UTC, whole milliseconds: what LiteDB keeps of a date.</summary>
    public DateTime At { get; set; }
}
