using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace GameServer.Analytics;

/// <summary>
/// The events recorded and not yet written: a bounded channel that, when full, drops its oldest event
/// to take the new one, and counts it. Recording never waits, so the move, strike or message that
/// produced an event is never slowed by the store; the <c>analytics-writes</c> job empties it in batches.
/// </summary>
public sealed class AnalyticsBuffer
{
    private readonly Channel<AnalyticsEvent> _events;
    private readonly TimeProvider _time;

    public AnalyticsBuffer(IOptions<AnalyticsOptions> options, AnalyticsMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _time = time;
        var bounds = new BoundedChannelOptions(options.Value.BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = false,
            SingleWriter = false,
        };
        _events = Channel.CreateBounded<AnalyticsEvent>(bounds, _ => metrics.Dropped());
    }

    /// <summary>Events waiting to be written.</summary>
    public int Count => _events.Reader.Count;

    /// <summary>Stamps <paramref name="e"/> with the server's time (whole milliseconds) and queues it; never blocks.</summary>
    public void Record(AnalyticsEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var ticks = _time.GetUtcNow().UtcTicks;
        e.At = new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        _events.Writer.TryWrite(e);
    }

    /// <summary>Moves up to <paramref name="max"/> waiting events, oldest first, into <paramref name="batch"/>; returns how many.</summary>
    public int Take(List<AnalyticsEvent> batch, int max)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var taken = 0;
        while (taken < max && _events.Reader.TryRead(out var e))
        {
            batch.Add(e);
            taken++;
        }

        return taken;
    }
}
