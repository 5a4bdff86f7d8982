using System.Net;
using System.Net.WebSockets;
using GameServer.Limits;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Realtime;

/// <summary>
/// Runs a WebSocket's session, whichever way it came in: straight off the connection
/// (<see cref="Upgrade.DirectUpgrade"/>), or as an HTTP request to <c>/ws</c> through Kestrel, where
/// this checks the handshake itself: the <c>Origin</c> (403), then a place in the limits (503, 429).
/// </summary>
public sealed partial class WebSocketEndpoint(SessionRegistry registry, JsonRpcDispatcher dispatcher, OriginPolicy origins, WebSocketLeases leases, RealtimeMetrics metrics, TimeProvider time, ILogger<WebSocketEndpoint> logger)
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

        var client = context.Connection.RemoteIpAddress;
        var remote = $"{client}:{context.Connection.RemotePort}";
        if (!origins.Allows(context.Request))
        {
            if (_foreignOrigins.Count(out var refused))
            {
                LogForeignOrigin(context.Request.Headers.Origin.ToString(), remote, refused);
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var refusal = leases.TryTake(client, out var lease);
        if (refusal != WebSocketRefusal.None)
        {
            leases.Report(refusal, client);
            context.Response.StatusCode = refusal == WebSocketRefusal.ServerFull ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests;
            return;
        }

        using (lease)
        {
            // Counted before the 101 goes out, so a client that has it knows it is counted.
            metrics.CountHttpUpgrade();
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await RunAsync(socket, client, remote);
        }
    }

    /// <summary>Runs the session of an accepted WebSocket until it closes; the caller holds its lease.</summary>
    internal async Task RunAsync(WebSocket socket, IPAddress? client, string remote)
    {
        var session = registry.Open(socket, client, remote);
        LogOpened(session.Id, remote);
        try
        {
            await session.RunAsync(dispatcher);
        }
        finally
        {
            // The session may end on the socket's thread (a close frame read there): its goodbyes (presence,
            // the last save) are not work for that thread.
            await SocketThread.Leave();
            registry.Close(session);
            var status = socket.State == WebSocketState.Aborted ? "aborted" : session.CloseStatus?.ToString() ?? "closed";
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
