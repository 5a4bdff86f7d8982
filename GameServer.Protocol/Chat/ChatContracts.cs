namespace GameServer.Protocol.Chat;

/// <summary>One chat message as stored and as pushed in <c>chat.message</c>.</summary>
/// <param name="Id">The message's id; ids grow with every message, so they give the order.</param>
/// <param name="User">The sender's user id.</param>
/// <param name="Username">The sender's name when the message was sent.</param>
/// <param name="Text">1–500 characters (Unicode code points), stored trimmed.</param>
/// <param name="At">When the server accepted the message, in UTC to the millisecond.</param>
public sealed record ChatMessage(int Id, int User, string Username, string Text, DateTimeOffset At);

/// <summary>Parameters of <c>chat.send</c>.</summary>
/// <param name="Text">1–500 characters after trimming.</param>
public sealed record ChatSendParams(string Text);

/// <summary>Parameters of <c>chat.history</c>.</summary>
/// <param name="Limit">How many of the latest messages, 1–200; the server's <c>Chat:HistoryLimit</c> when left out.</param>
public sealed record ChatHistoryParams(int? Limit = null);

/// <summary>The answer to <c>chat.subscribe</c> and <c>chat.history</c>: the latest messages, oldest first.</summary>
/// <param name="Messages">The messages in the order they were sent.</param>
public sealed record ChatHistory(IReadOnlyList<ChatMessage> Messages);

/// <summary>The answer to <c>chat.unsubscribe</c>.</summary>
/// <param name="Unsubscribed">Always true: the connection gets no more <c>chat.message</c>, whether or not it was subscribed.</param>
public sealed record ChatUnsubscribeResult(bool Unsubscribed);
