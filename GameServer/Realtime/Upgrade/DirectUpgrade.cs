using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using GameServer.Limits;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace GameServer.Realtime.Upgrade;

/// <summary>
/// Kestrel connection middleware that takes a plain WebSocket handshake to <c>/ws</c> straight off the
/// connection and runs its session on the connection's own pipes. Kestrel's HTTP/1.1 upgrade keeps its
/// request objects (the connection's HTTP state, headers, <c>HttpContext</c>, the upgraded streams)
/// for the socket's whole life: about 6 KB of the 13 KB an idle connection held.
/// <para>It only ever accepts. It peeks at the head without consuming it, and every connection that is
/// not a plain handshake (<see cref="UpgradeRequest"/>), or that the HTTP path would refuse (a foreign
/// origin, the limits), goes to Kestrel untouched, which parses, answers or refuses it as it always did;
/// so a refusal is always the HTTP path's, with its status, headers and log line.</para>
/// </summary>
internal sealed class DirectUpgrade(ConnectionDelegate next, IServiceProvider services)
{
    private const string SwitchingProtocolsHead = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: ";

    // Resolved at the first connection, after the settings are validated at start.
    private readonly Lazy<Context> _context = new(() => new Context(services));

    public async Task OnConnectedAsync(ConnectionContext connection)
    {
        var context = _context.Value;
        if (!context.Rules.Enabled || !context.Rules.ServesPort(connection.LocalEndPoint))
        {
            await next(connection);
            return;
        }

        var head = await ReadHeadAsync(connection, context);
        if (head is null)
        {
            return;
        }

        if (head.Verdict == UpgradeVerdict.NeedMore)
        {
            // Late: answered as Kestrel answers a late head, and closed.
            await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\nDate: {DateTime.UtcNow:r}\r\n\r\n"));
            return;
        }

        var input = connection.Transport.Input;
        var remote = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        IPAddress? client = null;
        IDisposable? lease = null;
        var ours = head.Verdict == UpgradeVerdict.Ours
            && context.Rules.Admits(head.Request!, remote, out client)
            && context.Leases.TryTake(client, out lease) == WebSocketRefusal.None;
        if (!ours)
        {
            // Unconsumed, and examined no further than before the last read (a pipe refuses a reader
            // that examines less than an earlier one), so Kestrel reads the same bytes at once.
            input.AdvanceTo(head.Buffer.Start, head.Buffer.GetPosition(head.Examined));
            await next(connection);
            return;
        }

        input.AdvanceTo(head.End);
        using (lease)
        {
            await UpgradeAsync(connection, context, head.Request!, client);
        }
    }

    private sealed record Head(UpgradeVerdict Verdict, UpgradeRequest? Request, ReadOnlySequence<byte> Buffer, SequencePosition End, long Examined);

    /// <summary>
    /// Reads until the head is complete or is not ours, and leaves that last read for the caller to
    /// advance past. Null when the connection ended; NeedMore when its head was late.
    /// </summary>
    private static async Task<Head?> ReadHeadAsync(ConnectionContext connection, Context context)
    {
        var input = connection.Transport.Input;
        long examined = 0;
        // Wall time, as Kestrel's own header timeout.
        using var late = new CancellationTokenSource(context.Rules.HeadTimeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, late.Token);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!connection.ConnectionClosed.IsCancellationRequested)
            {
                return new Head(UpgradeVerdict.NeedMore, null, default, default, examined);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            var buffer = result.Buffer;
            var verdict = UpgradeRequest.Read(buffer, out var request, out var end);
            if (verdict != UpgradeVerdict.NeedMore)
            {
                return new Head(verdict, request, buffer, end, examined);
            }

            if (result.IsCompleted)
            {
                return new Head(UpgradeVerdict.NotOurs, null, buffer, end, examined);
            }

            examined = buffer.Length;
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task UpgradeAsync(ConnectionContext connection, Context context, UpgradeRequest request, IPAddress? client)
    {
        // The socket itself when this is a plain connection (this middleware runs before TLS): from the 101
        // on, every byte goes out through it, in order.
        var socket = connection.Features.Get<ITlsHandshakeFeature>() is null ? connection.Features.Get<IConnectionSocketFeature>()?.Socket : null;
        var stream = new TransportStream(connection.Transport, socket, context.Pings.Time);
        // Counted before the 101 goes out, so a client that has it knows it is counted.
        context.Metrics.CountDirectUpgrade();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{SwitchingProtocolsHead}{AcceptKey(request.Key)}\r\n\r\n"), connection.ConnectionClosed);

        // As Kestrel does at an upgrade: the connection leaves the count of HTTP connections; the
        // WebSocket leases count it from now on.
        connection.Features.Get<IDecrementConcurrentConnectionCountFeature>()?.ReleaseConnection();

        if (socket is not null && context.Rules.InlineReceive)
        {
            SocketThread.ServeInline(socket);
        }

        var remote = connection.RemoteEndPoint is IPEndPoint endPoint ? $"{client}:{endPoint.Port}" : "?";
        // No keep-alive of the WebSocket's own, a timer per socket: KeepAlivePings serves them all.
        using var webSocket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        using var keptAlive = context.Pings.Watch(stream, webSocket);
        await context.Endpoint.RunAsync(webSocket, client, remote);
        if (webSocket.State == WebSocketState.Aborted)
        {
            // A dead or stalled peer: drop the connection rather than wait for output it will not read.
            connection.Abort(new ConnectionAbortedException("WebSocket aborted"));
        }
    }

    /// <summary>RFC 6455's <c>Sec-WebSocket-Accept</c>: the key and a fixed GUID, hashed.</summary>
    internal static string AcceptKey(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));

    /// <summary>
    /// What the middleware needs, resolved when first needed: the rules at the first connection (they
    /// are settings), the session's side at the first upgrade it takes. Resolving the endpoint builds
    /// every feature's services, which must not happen on a health check's connection, as it did not
    /// before (a cluster node's features wait for Redis while they are built).
    /// </summary>
    private sealed class Context(IServiceProvider services)
    {
        private readonly Lazy<WebSocketEndpoint> _endpoint = new(services.GetRequiredService<WebSocketEndpoint>);

        public DirectUpgradeRules Rules { get; } = services.GetRequiredService<DirectUpgradeRules>();
        public WebSocketLeases Leases { get; } = services.GetRequiredService<WebSocketLeases>();
        public WebSocketEndpoint Endpoint => _endpoint.Value;
        public RealtimeMetrics Metrics => services.GetRequiredService<RealtimeMetrics>();
        public KeepAlivePings Pings => services.GetRequiredService<KeepAlivePings>();
    }
}
