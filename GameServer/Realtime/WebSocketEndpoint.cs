using GameServer.Limits;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Realtime;

/// <summary>
/// The <c>/ws</c> endpoint: checks the handshake's <c>Origin</c>, accepts the WebSocket and runs its
/// session until it closes. The connection limits (503, 429) are applied before it, by the
/// rate-limiting middleware, whose lease lasts as long as this request, that is the connection.
/// </summary>
public sealed partial class WebSocketEndpoint(SessionRegistry registry, JsonRpcDispatcher dispatcher, OriginPolicy origins, TimeProvider time, ILogger<WebSocketEndpoint> logger)
{
    private readonly RefusalReport _foreignOrigins = new(time);

    /// <summary>Handles one HTTP request to <c>/ws</c>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            await context.Response.WriteAsync("GameServer speaks JSON-RPC 2.0 over a WebSocket here.");
            return;
        }

        var remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        if (!origins.Allows(context.Request))
        {
            if (_foreignOrigins.Count(out var refused))
            {
                LogForeignOrigin(context.Request.Headers.Origin.ToString(), remote, refused);
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = registry.Open(socket, context.Connection.RemoteIpAddress, remote);
        LogOpened(session.Id, remote);
        try
        {
            await session.RunAsync(dispatcher);
        }
        finally
        {
            registry.Close(session);
            var status = socket.State == System.Net.WebSockets.WebSocketState.Aborted ? "aborted" : session.CloseStatus?.ToString() ?? "closed";
            LogClosed(session.Id, status, session.CloseDescription ?? "");
        }
    }

    [LoggerMessage(LogLevel.Information, "Session {SessionId} opened from {RemoteAddress}")]
    private partial void LogOpened(long sessionId, string remoteAddress);

    [LoggerMessage(LogLevel.Information, "Session {SessionId} closed ({CloseStatus}) {CloseReason}")]
    private partial void LogClosed(long sessionId, string closeStatus, string closeReason);

    [LoggerMessage(LogLevel.Information, "WebSocket handshake from {RemoteAddress} refused with 403: Origin {Origin} is not allowed; {Refused} refused since the last such line")]
    private partial void LogForeignOrigin(string origin, string remoteAddress, long refused);
}
