using GameServer.Protocol.Client;

namespace GameServer.Protocol.Chat;

/// <summary>Typed calls of the <c>chat.*</c> methods.</summary>
public static class ChatClientExtensions
{
    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>Subscribes this connection to <c>chat.message</c> and returns the latest messages, oldest first.</summary>
    public static Task<ChatHistory> SubscribeToChatAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ChatSubscribe, Json.ChatHistory, cancellationToken);

    /// <summary>Stops <c>chat.message</c> on this connection.</summary>
    public static Task<ChatUnsubscribeResult> UnsubscribeFromChatAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ChatUnsubscribe, Json.ChatUnsubscribeResult, cancellationToken);

    /// <summary>Sends a message to every chat subscriber; returns it as stored.</summary>
    public static Task<ChatMessage> SendChatAsync(this GameClient client, string text, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ChatSend, new ChatSendParams(text), Json.ChatSendParams, Json.ChatMessage, cancellationToken);

    /// <summary>The latest <paramref name="limit"/> messages (the server's default when null), oldest first.</summary>
    public static Task<ChatHistory> ChatHistoryAsync(this GameClient client, int? limit = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ChatHistory, new ChatHistoryParams(limit), Json.ChatHistoryParams, Json.ChatHistory, cancellationToken);
}
