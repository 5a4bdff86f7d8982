using System.Diagnostics;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// Latencies in log-linear microsecond buckets (32 per power of two, about 3% wide), so
/// recording never allocates and one histogram per connection merges at the end without locks.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 32;
    private readonly long[] _counts = new long[SubBuckets * 64];
    private ulong _maxMicros;

    public long Count { get; private set; }

    /// <summary>The largest latency recorded, exactly, in milliseconds; NaN when empty.</summary>
    public double MaxMs => Count == 0 ? double.NaN : _maxMicros / 1000.0;

    public void Record(long stopwatchTicks)
    {
        var micros = (ulong)Math.Max(0, stopwatchTicks * 1_000_000 / Stopwatch.Frequency);
        _counts[Index(micros)]++;
        _maxMicros = Math.Max(_maxMicros, micros);
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        _maxMicros = Math.Max(_maxMicros, other._maxMicros);
        Count += other.Count;
    }

    /// <summary>The non-empty buckets as (index, count) pairs and the exact maximum: what another process needs to merge this one.</summary>
    public (IReadOnlyList<(int Index, long Count)> Buckets, ulong MaxMicros) Export()
    {
        var buckets = new List<(int, long)>();
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                buckets.Add((i, _counts[i]));
            }
        }

        return (buckets, _maxMicros);
    }

    /// <summary>The histogram that <see cref="Export"/> gave, rebuilt in this process.</summary>
    public static LatencyHistogram Import(IEnumerable<(int Index, long Count)> buckets, ulong maxMicros)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var histogram = new LatencyHistogram { _maxMicros = maxMicros };
        foreach (var (index, count) in buckets)
        {
            histogram._counts[index] += count;
            histogram.Count += count;
        }

        return histogram;
    }

    /// <summary>The latency below which <paramref name="fraction"/> of the round trips fall, in milliseconds.</summary>
    public double PercentileMs(double fraction)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                // A bucket's midpoint may lie above the largest value in it: no percentile exceeds the maximum.
                return Math.Min(MidpointMicros(i), _maxMicros) / 1000.0;
            }
        }

        return MidpointMicros(_counts.Length - 1) / 1000.0;
    }

    // Values below 2 * SubBuckets get a bucket each; above, the top five bits pick the bucket within its power of two.
    private static int Index(ulong micros)
    {
        if (micros < 2 * SubBuckets)
        {
            return (int)micros;
        }

        var shift = 63 - System.Numerics.BitOperations.LeadingZeroCount(micros) - 5;
        return (SubBuckets * shift) + (int)(micros >> shift);
    }

    private static double MidpointMicros(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }

        var shift = (index / SubBuckets) - 1;
        var lower = (long)(index - (SubBuckets * shift)) << shift;
        return lower + ((1L << shift) / 2.0);
    }
}
