using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Realtime;

/// <summary>
/// The transport's own guarantee, on real WebSocket framing over in-memory streams: a peer that stops
/// reading fills only its own queue, is closed for it, and never holds back anyone else.
/// </summary>
[Category("Unit")]
[CancelAfter(30_000)]
public sealed class SlowSubscriberTests
{
    private const int QueueLimit = 16;
    private const int Messages = 200;

    [Test]
    public async Task A_subscriber_that_stops_reading_is_closed_and_the_others_get_everything()
    {
        var options = Options.Create(new RealtimeOptions { OutboundQueueLimit = QueueLimit, CloseTimeout = TimeSpan.FromMilliseconds(200) });
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var overflows = new MetricCollector<long>(meterFactory, RealtimeMetrics.MeterName, "gameserver.realtime.outbound.overflows");
        var metrics = new RealtimeMetrics(meterFactory);
        var registry = new SessionRegistry(options, metrics);
        var dispatcher = new JsonRpcDispatcher(RpcMethodTable.Create(), options, metrics, NullLogger<JsonRpcDispatcher>.Instance);
        var stuckStream = new PeerStream(writesComplete: false);
        var healthyStream = new PeerStream(writesComplete: true);
        var stuck = registry.Open(WebSocket.CreateFromStream(stuckStream, new WebSocketCreationOptions { IsServer = true }), null, "stuck");
        var healthy = registry.Open(WebSocket.CreateFromStream(healthyStream, new WebSocketCreationOptions { IsServer = true }), null, "healthy");
        var running = new[] { stuck.RunAsync(dispatcher), healthy.RunAsync(dispatcher) };
        var subscribers = new Subscribers(registry);
        subscribers.Add(stuck);
        subscribers.Add(healthy);
        var payload = """{"jsonrpc":"2.0","method":"test.tick","params":{}}"""u8.ToArray();

        for (var i = 0; i < Messages; i++)
        {
            subscribers.Broadcast(OutboundMessage.Shared(payload));
            await healthyStream.WaitForBytesAsync((i + 1) * (payload.Length + 2));
        }

        Assert.That(healthyStream.BytesWritten, Is.EqualTo(Messages * (payload.Length + 2)), "every frame reached the healthy peer");
        Assert.That(stuck.IsClosing, Is.True, "the stuck peer overflowed its queue and is being closed");
        Assert.That(healthy.IsClosing, Is.False);
        Assert.That(overflows.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["limit"])), Is.EqualTo(new[] { (1L, (object?)"messages") }), "the overflow counted once, by the limit it hit");
        await running[0].WaitAsync(TimeSpan.FromSeconds(10));
        healthy.RequestClose(WebSocketCloseStatus.NormalClosure, "done");
        await running[1].WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A peer that never sends; its writes either complete at once or never (until cancelled).</summary>
    private sealed class PeerStream(bool writesComplete) : Stream
    {
        private readonly Lock _lock = new();
        private readonly List<(int Bytes, TaskCompletionSource Reached)> _waiters = [];
        private long _written;

        public long BytesWritten => Interlocked.Read(ref _written);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public Task WaitForBytesAsync(long bytes)
        {
            lock (_lock)
            {
                if (_written >= bytes)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(((int)bytes, reached));
                return reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!writesComplete)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            lock (_lock)
            {
                _written += buffer.Length;
                foreach (var waiter in _waiters.Where(w => _written >= w.Bytes).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Reached.TrySetResult();
                }
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
