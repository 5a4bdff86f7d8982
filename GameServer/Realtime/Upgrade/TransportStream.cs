using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace GameServer.Realtime.Upgrade;

/// <summary>
/// The connection as the one stream a <see cref="System.Net.WebSockets.WebSocket"/> runs on, with the
/// state of its keep-alive (<see cref="KeepAlivePings"/>): when bytes last came in, and a ping frame
/// written between the WebSocket's own frames. It reads from the connection's input pipe. It writes
/// straight to the socket when it has one (a plain connection): a frame then costs one send call on the
/// writer's thread, where the output pipe handed every frame to another thread to send. Disposing it wakes
/// a pending read or write, as disposing Kestrel's upgraded stream does, so an aborted WebSocket does not
/// leave its session waiting; the pipes and the socket stay Kestrel's, which closes them when the connection ends.
/// </summary>
internal sealed class TransportStream(IDuplexPipe transport, Socket? socket, TimeProvider time) : Stream
{
    // FIN and opcode 9, no payload; a server's frames are not masked (RFC 6455, 5.5.2).
    private static readonly byte[] PingFrame = [0x89, 0x00];

    // The WebSocket writes one frame per write; a ping must not land inside one.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private long _lastReceived = time.GetTimestamp();
    private long _lastPing;
    private long _pingUnanswered;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        transport.Input.TryRead(out var result) ? new(Take(result, buffer.Span)) : ReadPendingAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await SendAsync(buffer, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// One step of the keep-alive, at <paramref name="now"/> (a <see cref="TimeProvider"/> timestamp): a
    /// ping after <paramref name="interval"/> without a byte from the peer (or since the last ping), as
    /// the framework's WebSocket does; true when the peer sent nothing within <paramref name="timeout"/>
    /// of a ping, and is to be dropped. Browsers and every WebSocket client answer a ping with a pong.
    /// </summary>
    internal bool KeepAlive(long now, long interval, long timeout)
    {
        var received = Volatile.Read(ref _lastReceived);
        if (_pingUnanswered != 0)
        {
            if (received < _pingUnanswered)
            {
                return now - _pingUnanswered >= timeout;
            }

            _pingUnanswered = 0;
        }

        if (now - Math.Max(received, _lastPing) < interval || !_writing.Wait(0))
        {
            // Not due, or a frame is being written (then the peer hears from us anyway): next step.
            return false;
        }

        _lastPing = now;
        _pingUnanswered = now;
        var sending = SendAsync(PingFrame, CancellationToken.None);
        if (sending.IsCompletedSuccessfully)
        {
            _writing.Release();
        }
        else
        {
            _ = ReleaseWhenSentAsync(sending);
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            transport.Input.CancelPendingRead();
            transport.Output.CancelPendingFlush();
            _closing.Cancel();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> ReadPendingAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        Take(await transport.Input.ReadAsync(cancellationToken), buffer.Span);

    // As the framework's pipe stream: a read of zero bytes returns once bytes are there, without taking any.
    private int Take(ReadResult result, Span<byte> destination)
    {
        var source = result.Buffer;
        if (result.IsCanceled)
        {
            transport.Input.AdvanceTo(source.Start);
            throw new OperationCanceledException("the connection's input was cancelled");
        }

        if (source.IsEmpty)
        {
            transport.Input.AdvanceTo(source.Start);
            return 0;
        }

        Volatile.Write(ref _lastReceived, time.GetTimestamp());
        var count = (int)Math.Min(source.Length, destination.Length);
        source.Slice(0, count).CopyTo(destination);
        transport.Input.AdvanceTo(source.GetPosition(count));
        return count;
    }

    private ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (socket is null)
        {
            return WriteToPipeAsync(bytes, cancellationToken);
        }

        ValueTask<int> sending;
        try
        {
            sending = socket.SendAsync(bytes, SocketFlags.None, _closing.Token);
        }
        catch (ObjectDisposedException e)
        {
            return ValueTask.FromException(new IOException("the connection is closed", e));
        }

        // Mostly done on the spot: the kernel takes the whole frame, and nothing waits.
        if (!sending.IsCompletedSuccessfully)
        {
            return SendRestAsync(sending, bytes, cancellationToken);
        }

        var sent = sending.Result;
        return sent == bytes.Length ? ValueTask.CompletedTask : SendRestAsync(new ValueTask<int>(0), bytes[sent..], cancellationToken);
    }

    private async ValueTask SendRestAsync(ValueTask<int> sending, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        // A cancelled write leaves a WebSocket aborted anyway: the stream closes with it.
        using var cancelled = cancellationToken.UnsafeRegister(static closing => ((CancellationTokenSource)closing!).Cancel(), _closing);
        try
        {
            var sent = await sending;
            while (sent < bytes.Length)
            {
                sent += await socket!.SendAsync(bytes[sent..], SocketFlags.None, _closing.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            throw new IOException("the connection is closed", e);
        }
    }

    private async ValueTask WriteToPipeAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var flushed = await transport.Output.WriteAsync(bytes, cancellationToken);
        if (flushed.IsCanceled)
        {
            throw new OperationCanceledException("the connection's output was cancelled");
        }
    }

    private async Task ReleaseWhenSentAsync(ValueTask sending)
    {
        try
        {
            await sending;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            // The connection is going: its session ends on its own.
        }
        finally
        {
            _writing.Release();
        }
    }
}
