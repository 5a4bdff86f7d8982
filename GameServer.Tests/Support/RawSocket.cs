using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GameServer.Tests.Support;

/// <summary>A bare WebSocket for sending frames the GameClient would never send, and reading the answers as JSON.</summary>
public sealed class RawSocket : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();
    private HttpMessageInvoker? _invoker;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<RawSocket> ConnectAsync(Uri uri)
    {
        var raw = new RawSocket();
        await raw._socket.ConnectAsync(uri, CancellationToken.None);
        return raw;
    }

    /// <summary>
    /// Connects from <paramref name="localAddress"/>, such as 127.0.0.2: a second client address on one
    /// machine (Linux routes all of 127.0.0.0/8 to loopback), for per-address limits.
    /// </summary>
    public static async Task<RawSocket> ConnectAsync(Uri uri, IPAddress localAddress)
    {
        var raw = new RawSocket();
        raw._invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        });
        await raw._socket.ConnectAsync(uri, raw._invoker, CancellationToken.None);
        return raw;
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] payload, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(payload, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>Sends one text frame and reads the one frame that answers it.</summary>
    public async Task<JsonElement> CallAsync(string text)
    {
        await SendTextAsync(text);
        return await ReceiveAsync() ?? throw new WebSocketException("closed instead of answering");
    }

    /// <summary>Reads the next frame as JSON, or null when the server closed the connection instead.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var result = await _socket.ReceiveAsync(chunk, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.ToArray()).RootElement;
            }
        }
    }

    /// <summary>Reads until the server closes, and returns its close status.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }

        return _socket.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already torn down by the test.
            }
        }

        _socket.Dispose();
        _invoker?.Dispose();
    }
}
