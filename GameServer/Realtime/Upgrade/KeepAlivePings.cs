using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace GameServer.Realtime.Upgrade;

/// <summary>
/// The keep-alive of every directly upgraded WebSocket, from one timer: a ping after
/// <c>Realtime:KeepAliveInterval</c> without a byte from the peer, and the socket aborted when nothing
/// comes back within <c>Realtime:KeepAliveTimeout</c>, the rules of the framework's own keep-alive.
/// The framework's runs a timer per socket that fires four times per interval: at 10,000 idle
/// connections, 1,333 thread-pool callbacks a second and 10,000 entries in the timer queue. One walk
/// over all the sockets, as often as each of those timers fires, does the same work in one callback.
/// </summary>
internal sealed class KeepAlivePings : IDisposable
{
    private readonly ConcurrentDictionary<TransportStream, WebSocket> _sockets = new();
    private readonly TimeProvider _time;
    private readonly long _interval;
    private readonly long _timeout;
    private readonly ITimer _timer;
    private int _stepping;

    public KeepAlivePings(IOptions<RealtimeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Wall time, as Kestrel's and the framework's own keep-alive: it measures a network peer, and a
        // virtual clock that a test moves on by minutes must not drop the live connections.
        var time = TimeProvider.System;
        _time = time;
        var realtime = options.Value;
        _interval = Timestamp(realtime.KeepAliveInterval, time);
        _timeout = Timestamp(realtime.KeepAliveTimeout, time);

        // The framework's own precision, a quarter of the shorter setting: a ping goes out up to a quarter
        // late. A walk touches every socket (about 0.25 µs each, cold in the cache: 10,000 sockets once a
        // second were a quarter of the idle server's CPU), so it runs no more often than that needs.
        var step = TimeSpan.FromTicks(Math.Max(Math.Min(realtime.KeepAliveInterval.Ticks, realtime.KeepAliveTimeout.Ticks) / 4, TimeSpan.TicksPerMillisecond * 10));
        _timer = time.CreateTimer(static state => ((KeepAlivePings)state!).Step(), this, step, step);
    }

    /// <summary>The clock the keep-alive runs on: its streams time their bytes by it.</summary>
    public TimeProvider Time => _time;

    /// <summary>Keeps <paramref name="socket"/> alive over <paramref name="stream"/> until the result is disposed.</summary>
    public IDisposable Watch(TransportStream stream, WebSocket socket)
    {
        _sockets[stream] = socket;
        return new Watched(this, stream);
    }

    public void Dispose() => _timer.Dispose();

    private void Step()
    {
        // A timer's callbacks may overlap when one runs late; the streams' keep-alive state is the walk's alone.
        if (Interlocked.Exchange(ref _stepping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetTimestamp();
            foreach (var (stream, socket) in _sockets)
            {
                // A closing socket sends nothing after its close frame; the close timeout bounds it.
                if (socket.State != WebSocketState.Open)
                {
                    continue;
                }

                if (stream.KeepAlive(now, _interval, _timeout))
                {
                    _sockets.TryRemove(stream, out _);
                    socket.Abort();
                }
            }
        }
        finally
        {
            Volatile.Write(ref _stepping, 0);
        }
    }

    private static long Timestamp(TimeSpan span, TimeProvider time) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private sealed class Watched(KeepAlivePings pings, TransportStream stream) : IDisposable
    {
        public void Dispose() => pings._sockets.TryRemove(stream, out _);
    }
}
