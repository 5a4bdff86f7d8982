using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace GameServer.Realtime;

/// <summary>
/// How long building a feed's patch takes and how many bytes its frames put on the wire (meter
/// <c>GameServer.Realtime</c>). One call per published patch, so a feed records it in one line.
/// </summary>
public sealed class PatchMetrics
{
    // A patch of a few players takes microseconds; one of thousands, milliseconds.
    private static readonly double[] DurationBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

    private readonly ConcurrentDictionary<string, KeyValuePair<string, object?>> _feedTags = new(StringComparer.Ordinal);
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _bytes;

    public PatchMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(RealtimeMetrics.MeterName);
        _duration = meter.CreateHistogram("gameserver.realtime.patch.duration", "s", "Time to build and queue one patch of a feed for all its subscribers.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _bytes = meter.CreateCounter<long>("gameserver.realtime.patch.sent", "By", "Bytes of patch frames queued for subscribers, each recipient counted.");
    }

    /// <summary>Records one patch of <paramref name="feed"/> (e.g. <c>players</c>): its build time and the bytes queued for all its recipients.</summary>
    public void Record(string feed, TimeSpan elapsed, long bytes)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var tag = _feedTags.GetOrAdd(feed, static name => new("feed", name));
        _duration.Record(elapsed.TotalSeconds, tag);
        if (bytes > 0)
        {
            _bytes.Add(bytes, tag);
        }
    }
}
