namespace GameServer.Tools.Benchmarks.Micro;

/// <summary>
/// The far end of a benchmark connection: a real <see cref="System.Net.WebSockets.WebSocket"/> frames
/// into it and it drops the bytes, so a send costs everything but the kernel. Reads wait until
/// <see cref="End"/>, which the WebSocket sees as the peer going away.
/// </summary>
internal sealed class DiscardingStream : Stream
{
    private readonly TaskCompletionSource<int> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;

    /// <summary>Bytes written so far, WebSocket framing included.</summary>
    public long BytesWritten => Interlocked.Read(ref _written);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Ends the stream: a pending or later read returns 0 bytes.</summary>
    public void End() => _ended.TrySetResult(0);

    public override void Write(ReadOnlySpan<byte> buffer) => Interlocked.Add(ref _written, buffer.Length);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(_ended.Task.WaitAsync(cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _ended.Task.WaitAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("reads are asynchronous only");

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
