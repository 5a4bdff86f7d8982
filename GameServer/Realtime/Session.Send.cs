using System.Net.WebSockets;

namespace GameServer.Realtime;

public sealed partial class Session
{
    /// <summary>Runs the writer on the thread pool, never on the thread of whoever queued the frame (a fan-out to many).</summary>
    private void StartWriter() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => _ = WriteQueuedAsync();

    /// <summary>
    /// The single writer: the only code that sends on the socket, so sends never interleave. At most one
    /// runs (<c>_writing</c>); it sends until the queue is empty and ends, dropping the queue, so an idle
    /// session holds neither. Once a close is requested it drops what is left and sends the close frame.
    /// </summary>
    private async Task WriteQueuedAsync()
    {
        var failed = false;
        while (true)
        {
            OutboundMessage message = default;
            var dequeued = false;
            var drained = false;
            Queue<OutboundMessage>? leftover = null;
            lock (_sending)
            {
                if (_closeRequest is null && !failed && _queue is not null && _queue.TryDequeue(out message))
                {
                    dequeued = true;
                }
                else if (_closeRequest is null)
                {
                    // Drained, or the peer failed: then later frames are refused and the receive loop ends the session.
                    drained = true;
                    leftover = _queue;
                    _queue = null;
                    _sendFailed = failed;
                    _writing = false;
                }
            }

            if (drained)
            {
                Drop(leftover);
                return;
            }

            if (!dequeued)
            {
                break;
            }

            try
            {
                // Counted before the send, so a client that has the frame knows it is counted.
                _metrics.Sent(message.Method);
                await _socket.SendAsync(message.Payload, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // A dead or stuck peer: stop sending.
                failed = true;
            }
            finally
            {
                Dequeued(message);
                message.Release();
            }
        }

        Queue<OutboundMessage>? dropped;
        lock (_sending)
        {
            dropped = _queue;
            _queue = null;
        }

        Drop(dropped);
        await CloseOutputAsync();
        _closeWritten!.TrySetResult();
    }

    private void Drop(Queue<OutboundMessage>? messages)
    {
        while (messages is not null && messages.TryDequeue(out var message))
        {
            Dequeued(message);
            message.Release();
        }
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
