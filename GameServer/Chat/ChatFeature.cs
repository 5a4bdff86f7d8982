using GameServer.Storage;
using GameServer.Storage.LiteDb;

namespace GameServer.Chat;

/// <summary>Registers the chat: its settings (checked at start-up), store, service and JSON-RPC methods.</summary>
public static class ChatFeature
{
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        // A limit of 0 would only fail at the first message, inside the rate limiter: refuse to start instead.
        services.AddOptions<ChatOptions>()
            .Bind(configuration.GetSection(ChatOptions.Section))
            .Validate(o => o.MessagesPerWindow >= 1, "Chat:MessagesPerWindow must be at least 1")
            .Validate(o => o.Window > TimeSpan.Zero, "Chat:Window must be longer than zero")
            .Validate(o => o.HistoryLimit is >= 1 and <= ChatOptions.MaxHistoryLimit, $"Chat:HistoryLimit must be 1 to {ChatOptions.MaxHistoryLimit}")
            .ValidateOnStart();
        services.AddStore<IChatStore, LiteDbChatStore, PostgresChatStore>(configuration);
        services.AddSingleton<IMigration, ChatCollectionMigration>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<ChatRpc>();
        return services;
    }
}
