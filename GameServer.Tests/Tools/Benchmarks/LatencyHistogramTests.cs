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

    private static long Ticks(int milliseconds) => milliseconds * Stopwatch.Frequency / 1000;
}
