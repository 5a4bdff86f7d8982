using GameServer.Realtime.JsonRpc;

namespace GameServer.Realtime;

/// <summary>The <c>/ws</c> endpoint: accepts a WebSocket and runs its session until it closes.</summary>
public sealed partial class WebSocketEndpoint(SessionRegistry registry, JsonRpcDispatcher dispatcher, ILogger<WebSocketEndpoint> logger)
{
    /// <summary>Handles one HTTP request to <c>/ws</c>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            await context.Response.WriteAsync("GameServer speaks JSON-RPC 2.0 over a WebSocket here.");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        var session = registry.Open(socket, context.Connection.RemoteIpAddress, remote);
        LogOpened(session.Id, remote);
        try
        {
            await session.RunAsync(dispatcher);
        }
        finally
        {
            registry.Close(session);
            LogClosed(session.Id, socket.CloseStatus?.ToString() ?? "aborted");
        }
    }

    [LoggerMessage(LogLevel.Information, "Session {SessionId} opened from {RemoteAddress}")]
    private partial void LogOpened(long sessionId, string remoteAddress);

    [LoggerMessage(LogLevel.Information, "Session {SessionId} closed ({CloseStatus})")]
    private partial void LogClosed(long sessionId, string closeStatus);
}
