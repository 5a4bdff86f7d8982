using GameServer.Protocol;
using GameServer.Protocol.Chat;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Chat;

/// <summary>The <c>chat.*</c> methods: adapters over <see cref="ChatService"/>.</summary>
public sealed class ChatRpc(ChatService chat) : IRpcMethods
{
    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.ChatSubscribe, RpcAccess.User, json.EmptyParams, json.ChatHistory,
                (session, _, _) => ValueTask.FromResult(chat.Subscribe(session)))
            .Add(Methods.ChatUnsubscribe, RpcAccess.User, json.EmptyParams, json.ChatUnsubscribeResult, (session, _, _) =>
            {
                chat.Unsubscribe(session);
                return ValueTask.FromResult(new ChatUnsubscribeResult(true));
            })
            .Add(Methods.ChatSend, RpcAccess.User, json.ChatSendParams, json.ChatMessage,
                (session, p, _) => ValueTask.FromResult(chat.Send(session.User!, p.Text)))
            .Add(Methods.ChatHistory, RpcAccess.User, json.ChatHistoryParams, json.ChatHistory,
                (_, p, _) => ValueTask.FromResult(chat.History(p.Limit)));
    }
}
