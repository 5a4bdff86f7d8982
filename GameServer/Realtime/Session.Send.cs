using System.Net.WebSockets;

namespace GameServer.Realtime;

public sealed partial class Session
{
    /// <summary>The single writer: the only code that sends on the socket, so sends never interleave.</summary>
    private async Task WriteLoopAsync()
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token))
            {
                while (_closeRequest is null && reader.TryRead(out var message))
                {
                    try
                    {
                        // Counted before the send, so a client that has the frame knows it is counted.
                        _metrics.Sent(message.Method);
                        await _socket.SendAsync(message.Payload, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
                    }
                    finally
                    {
                        Dequeued(message);
                        message.Release();
                    }
                }

                if (_closeRequest is not null)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // A dead or stuck peer: stop sending; the close below is best effort.
        }

        while (reader.TryRead(out var dropped))
        {
            Dequeued(dropped);
            dropped.Release();
        }

        await CloseOutputAsync();
    }

    private async Task CloseOutputAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        var (status, description) = _closeRequest ?? (WebSocketCloseStatus.NormalClosure, "");
        try
        {
            await _socket.CloseOutputAsync(status, description, _abort.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The peer is gone; Kestrel tears the connection down when the request ends.
        }
    }
}
