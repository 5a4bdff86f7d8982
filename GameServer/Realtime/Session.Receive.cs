using System.Net.WebSockets;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Realtime;

public sealed partial class Session
{
    private const int InitialReceiveBufferSize = 4096;
    private const int InitialResponseBufferSize = 1024;

    // Buffers above this go back after use: a connection keeps only small ones between messages.
    private const int MaxRetainedResponseBufferSize = 64 * 1024;

    /// <summary>
    /// Runs the connection until it closes: one receive loop that dispatches each message in order,
    /// and one writer that alone sends on the socket.
    /// </summary>
    internal async Task RunAsync(JsonRpcDispatcher dispatcher)
    {
        var writing = WriteLoopAsync();
        try
        {
            await ReceiveLoopAsync(dispatcher);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The peer vanished or the close timed out: nothing more to read, the writer winds down below.
        }
        finally
        {
            _closeRequest ??= (WebSocketCloseStatus.NormalClosure, "");
            _outbound.Writer.TryComplete();
            await writing;
            ResponseWriter.Dispose();
            _abort.Dispose();
        }
    }

    private async Task ReceiveLoopAsync(JsonRpcDispatcher dispatcher)
    {
        var limit = _options.MaxMessageSize;
        var buffer = FrameBuffers.Rent(Math.Min(InitialReceiveBufferSize, limit + 1));
        try
        {
            while (_socket.State == WebSocketState.Open && _closeRequest is null)
            {
                var length = 0;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length, limit + 1);
                    }

                    // Never read past limit + 1 bytes: one byte over is enough to know the message is too big.
                    var room = Math.Min(buffer.Length, limit + 1) - length;
                    var result = await _socket.ReceiveAsync(buffer.AsMemory(length, room), _abort.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        RequestClose(WebSocketCloseStatus.NormalClosure, "");
                        return;
                    }

                    if (result.MessageType == WebSocketMessageType.Binary)
                    {
                        RequestClose(WebSocketCloseStatus.InvalidMessageType, "only text frames carrying JSON-RPC are accepted");
                        return;
                    }

                    length += result.Count;
                    if (length > limit)
                    {
                        RequestClose(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {limit} bytes");
                        return;
                    }

                    if (result.EndOfMessage)
                    {
                        break;
                    }
                }

                await dispatcher.DispatchAsync(this, buffer.AsMemory(0, length), _abort.Token);
                if (buffer.Length > InitialReceiveBufferSize)
                {
                    // One large message must not pin a large buffer for the rest of the connection.
                    FrameBuffers.Return(buffer);
                    buffer = FrameBuffers.Rent(Math.Min(InitialReceiveBufferSize, limit + 1));
                }
            }
        }
        finally
        {
            FrameBuffers.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int used, int cap)
    {
        var larger = FrameBuffers.Rent(Math.Min(buffer.Length * 2, cap));
        buffer.AsSpan(0, used).CopyTo(larger);
        FrameBuffers.Return(buffer);
        return larger;
    }
}
