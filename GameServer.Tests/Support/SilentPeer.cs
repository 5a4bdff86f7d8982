using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace GameServer.Tests.Support;

/// <summary>
/// A WebSocket client on a raw TCP socket that does the handshake by hand and then never reads:
/// it answers no ping and leaves every reply in the kernel's buffers, as a dead or hostile peer does.
/// It can still send frames.
/// </summary>
public sealed class SilentPeer : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly WebSocket _socket;

    private SilentPeer(TcpClient tcp, WebSocket socket)
    {
        _tcp = tcp;
        _socket = socket;
    }

    /// <summary>Connects to <paramref name="webSocketUri"/> with a receive window as small as the kernel allows.</summary>
    public static async Task<SilentPeer> ConnectAsync(Uri webSocketUri)
    {
        ArgumentNullException.ThrowIfNull(webSocketUri);
        var tcp = new TcpClient { ReceiveBufferSize = 4096, NoDelay = true };
        await tcp.ConnectAsync(webSocketUri.Host, webSocketUri.Port);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var request = $"GET {webSocketUri.PathAndQuery} HTTP/1.1\r\nHost: {webSocketUri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        // Read the answer's head byte by byte, so that not one byte of the first frames is taken.
        var head = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                throw new IOException($"the server closed during the handshake: {head}");
            }

            head.Append((char)one[0]);
        }

        if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            tcp.Dispose();
            throw new IOException($"the handshake was refused: {head}");
        }

        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        return new SilentPeer(tcp, socket);
    }

    /// <summary>Sends one text frame; the send may block once the server stops reading.</summary>
    public Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public void Dispose()
    {
        _socket.Dispose();
        _tcp.Dispose();
    }
}
