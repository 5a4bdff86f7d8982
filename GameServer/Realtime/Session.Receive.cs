using System.Net.WebSockets;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Realtime;

public sealed partial class Session
{
    private const int InitialReceiveBufferSize = 4096;

    /// <summary>
    /// Runs the connection until it closes: one receive loop that dispatches each message in order,
    /// and, while frames wait, one writer that alone sends on the socket (<c>Session.Send.cs</c>).
    /// </summary>
    internal async Task RunAsync(JsonRpcDispatcher dispatcher)
    {
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
            // Unless a close was requested already (then this does nothing), the writer closes normally now.
            RequestClose(WebSocketCloseStatus.NormalClosure, "");
            await _closeWritten!.Task;
            ReturnResponse();
            _abort.Dispose();
        }
    }

    private async Task ReceiveLoopAsync(JsonRpcDispatcher dispatcher)
    {
        var limit = _options.MaxMessageSize;
        while (_socket.State == WebSocketState.Open && _closeRequest is null)
        {
            // An idle connection holds no buffer: a zero-byte read waits for the next frame (the
            // WebSocket reads its header into its own few bytes), and a buffer is rented only then,
            // for as long as the message is in flight. Ten thousand idle connections holding 4 KiB
            // each was 40 MB for nothing.
            var first = await _socket.ReceiveAsync(Memory<byte>.Empty, _abort.Token);
            if (!Accepts(first))
            {
                return;
            }

            var buffer = FrameBuffers.Rent(Math.Min(InitialReceiveBufferSize, limit + 1));
            try
            {
                var length = 0;
                var result = first;
                while (!result.EndOfMessage)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length, limit + 1);
                    }

                    // Never read past limit + 1 bytes: one byte over is enough to know the message is too big.
                    var room = Math.Min(buffer.Length, limit + 1) - length;
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length, room), _abort.Token);
                    if (!Accepts(result))
                    {
                        return;
                    }

                    length += result.Count;
                    if (length > limit)
                    {
                        RequestClose(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {limit} bytes");
                        return;
                    }
                }

                await dispatcher.DispatchAsync(this, buffer.AsMemory(0, length), _abort.Token);
            }
            finally
            {
                FrameBuffers.Return(buffer);
                ReturnResponse();
            }
        }
    }

    /// <summary>False, with the close requested, for a close frame or a binary message.</summary>
    private bool Accepts(ValueWebSocketReceiveResult result)
    {
        if (result.MessageType == WebSocketMessageType.Close)
        {
            RequestClose(WebSocketCloseStatus.NormalClosure, "");
            return false;
        }

        if (result.MessageType == WebSocketMessageType.Binary)
        {
            RequestClose(WebSocketCloseStatus.InvalidMessageType, "only text frames carrying JSON-RPC are accepted");
            return false;
        }

        return true;
    }

    private static byte[] Grow(byte[] buffer, int used, int cap)
    {
        var larger = FrameBuffers.Rent(Math.Min(buffer.Length * 2, cap));
        buffer.AsSpan(0, used).CopyTo(larger);
        FrameBuffers.Return(buffer);
        return larger;
    }
}
