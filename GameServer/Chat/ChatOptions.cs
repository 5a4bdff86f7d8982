namespace GameServer.Chat;

/// <summary>Chat settings, bound to the <c>Chat</c> section and checked at start-up.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>The most a client may ask of <c>chat.history</c> at once.</summary>
    public const int MaxHistoryLimit = 200;

    /// <summary>Messages one user may send per <see cref="Window"/> before -32029.</summary>
    public int MessagesPerWindow { get; set; } = 5;

    /// <summary>The rate limit's window; a fixed window per user.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages that <c>chat.subscribe</c> returns, and <c>chat.history</c> without a limit; at most <see cref="MaxHistoryLimit"/>.</summary>
    public int HistoryLimit { get; set; } = 50;
}
