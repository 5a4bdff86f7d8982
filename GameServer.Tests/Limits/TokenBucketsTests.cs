using GameServer.Limits;
using GameServer.Tests.Support;

namespace GameServer.Tests.Limits;

[CancelAfter(10_000)]
public sealed class TokenBucketsTests
{
    [Test]
    public void A_burst_of_the_capacity_passes_and_the_next_take_waits_for_a_refill()
    {
        var clock = new VirtualClock();
        var buckets = new TokenBuckets<int>(3, TimeSpan.FromSeconds(1), clock.Time);

        Assert.That(Enumerable.Range(0, 3).All(i => buckets.TryTake(1, out _)), Is.True);
        Assert.That(buckets.TryTake(1, out var retryAfter), Is.False);
        Assert.That(retryAfter.TotalMilliseconds, Is.EqualTo(333.3).Within(1));
        Assert.That(buckets.TryTake(2, out _), Is.True, "each key has its own bucket");

        clock.Time.Advance(TimeSpan.FromMilliseconds(334));
        Assert.That(buckets.TryTake(1, out _), Is.True);
    }

    [Test]
    public void Above_ten_thousand_keys_the_full_buckets_are_forgotten_at_most_once_a_second()
    {
        var clock = new VirtualClock();
        var buckets = new TokenBuckets<int>(2, TimeSpan.FromSeconds(1), clock.Time);
        clock.Time.Advance(TimeSpan.FromSeconds(1));
        for (var key = 0; key < 12_000; key++)
        {
            buckets.TryTake(key, out _);
        }

        Assert.That(buckets.Count, Is.EqualTo(12_000), "nothing to forget: every bucket is still refilling");

        clock.Time.Advance(TimeSpan.FromSeconds(1));
        buckets.TryTake(-1, out _);
        Assert.That(buckets.Count, Is.EqualTo(1), "all refilled and forgotten; the new key's bucket is not full");

        for (var key = 0; key < 12_000; key++)
        {
            buckets.TryTake(key, out _);
        }

        clock.Time.Advance(TimeSpan.FromMilliseconds(999));
        buckets.TryTake(-2, out _);
        Assert.That(buckets.Count, Is.EqualTo(12_002), "within the second after a prune, keys are not counted again");
    }
}
