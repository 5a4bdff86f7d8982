using System.Diagnostics;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tests.Tools.Benchmarks;

[Category("Unit")]
public sealed class LatencyHistogramTests
{
    [Test]
    public void Percentiles_are_within_a_bucket_and_the_maximum_is_exact()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 100; ms++)
        {
            histogram.Record(Ticks(ms));
        }

        Assert.That(histogram.Count, Is.EqualTo(100));
        Assert.That(histogram.PercentileMs(0.50), Is.EqualTo(50).Within(3).Percent);
        Assert.That(histogram.PercentileMs(0.99), Is.EqualTo(99).Within(3).Percent);
        Assert.That(histogram.MaxMs, Is.EqualTo(100));
    }

    [Test]
    public void Merging_keeps_counts_and_the_larger_maximum()
    {
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        first.Record(Ticks(5));
        second.Record(Ticks(7));
        second.Record(Ticks(2));

        first.Add(second);

        Assert.That(first.Count, Is.EqualTo(3));
        Assert.That(first.MaxMs, Is.EqualTo(7));
        Assert.That(new LatencyHistogram().MaxMs, Is.NaN);
    }

    [Test]
    public void No_percentile_exceeds_the_maximum()
    {
        // 992 µs is the bottom of its 16 µs wide bucket, whose midpoint is 1000 µs: the table once showed a p99 above the max.
        var histogram = new LatencyHistogram();
        histogram.Record(992 * Stopwatch.Frequency / 1_000_000);

        Assert.That(histogram.PercentileMs(0.99), Is.EqualTo(histogram.MaxMs));
    }

    [Test]
    public void An_exported_histogram_imports_into_the_same_percentiles_and_maximum()
    {
        var original = new LatencyHistogram();
        for (var ms = 1; ms <= 300; ms += 7)
        {
            original.Record(Ticks(ms));
        }

        var (buckets, maxMicros) = original.Export();
        var copy = LatencyHistogram.Import(buckets, maxMicros);

        Assert.That(copy.Count, Is.EqualTo(original.Count));
        Assert.That(copy.MaxMs, Is.EqualTo(original.MaxMs));
        foreach (var fraction in new[] { 0.5, 0.9, 0.99, 1.0 })
        {
            Assert.That(copy.PercentileMs(fraction), Is.EqualTo(original.PercentileMs(fraction)), $"p{fraction * 100}");
        }
    }

    private static long Ticks(int milliseconds) => milliseconds * Stopwatch.Frequency / 1000;
}
