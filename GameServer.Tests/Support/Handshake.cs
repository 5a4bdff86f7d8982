using System.Net;
using System.Net.WebSockets;

namespace GameServer.Tests.Support;

/// <summary>WebSocket handshakes whose HTTP answer the test wants to see: 101, or the status of a refusal.</summary>
public static class Handshake
{
    /// <summary>
    /// Tries a handshake with the given extra headers; returns 101 (and closes the socket again) or the
    /// refusal's status.
    /// </summary>
    public static async Task<HttpStatusCode> StatusAsync(Uri uri, params (string Name, string Value)[] headers)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
        return HttpStatusCode.SwitchingProtocols;
    }

    /// <summary>Opens a socket that the caller keeps open, to hold one place of a limit.</summary>
    public static async Task<ClientWebSocket> OpenAsync(Uri uri, params (string Name, string Value)[] headers)
    {
        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        return socket;
    }
}
