using System.Collections.Concurrent;

namespace GameServer.Limits;

/// <summary>
/// One token bucket per key (a user, an address, a name and an address), on the server's
/// <see cref="TimeProvider"/> so tests run it in virtual time. A bucket holds at most
/// <c>capacity</c> tokens and refills continuously at <c>capacity</c> per <c>period</c>: a client
/// that keeps under the rate is never refused, whatever the phase of its calls; one above it is
/// refused once its burst is spent. Full buckets are forgotten, so idle keys cost nothing.
/// </summary>
public sealed class TokenBuckets<TKey>
    where TKey : notnull
{
    // Above this many keys, a take first drops the buckets that have refilled (they hold no history).
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<TKey, Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _tokensPerTick;
    private long _lastPrune;

    public TokenBuckets(int capacity, TimeSpan period, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _capacity = capacity;
        _tokensPerTick = capacity / (period.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Keys with a bucket that is not full.</summary>
    public int Count => _buckets.Count;

    /// <summary>Takes one token of <paramref name="key"/>'s bucket; when it is empty, says how long until one is back.</summary>
    public bool TryTake(TKey key, out TimeSpan retryAfter)
    {
        var now = _time.GetTimestamp();
        if (IsPruneDue(now))
        {
            Prune(now);
        }

        var bucket = _buckets.GetOrAdd(key, static (_, state) => new Bucket(state._capacity, state.now), (_capacity, now));
        lock (bucket)
        {
            bucket.Refill(now, _capacity, _tokensPerTick);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            var ticks = (1 - bucket.Tokens) / _tokensPerTick;
            retryAfter = TimeSpan.FromSeconds(ticks / _time.TimestampFrequency);
            return false;
        }
    }

    /// <summary>Whether <paramref name="key"/>'s bucket is empty now, without taking anything.</summary>
    public bool IsEmpty(TKey key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            return false;
        }

        lock (bucket)
        {
            bucket.Refill(_time.GetTimestamp(), _capacity, _tokensPerTick);
            if (bucket.Tokens >= 1)
            {
                return false;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / _tokensPerTick / _time.TimestampFrequency);
            return true;
        }
    }

    /// <summary>Fills <paramref name="key"/>'s bucket again (a successful login clears its failures).</summary>
    public void Reset(TKey key) => _buckets.TryRemove(key, out _);

    /// <summary>
    /// Whether there are many keys, asked at most once per second of the clock: a flood of new keys
    /// must not prune on every call, and counting a concurrent dictionary takes every one of its locks,
    /// which on every take was a tenth of a move's cost.
    /// </summary>
    private bool IsPruneDue(long now)
    {
        var last = Interlocked.Read(ref _lastPrune);
        return now - last >= _time.TimestampFrequency
            && Interlocked.CompareExchange(ref _lastPrune, now, last) == last
            && _buckets.Count > PruneThreshold;
    }

    private void Prune(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            lock (bucket)
            {
                bucket.Refill(now, _capacity, _tokensPerTick);
                if (bucket.Tokens >= _capacity)
                {
                    _buckets.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long at)
    {
        public double Tokens { get; set; } = tokens;

        private long _at = at;

        public void Refill(long now, double capacity, double tokensPerTick)
        {
            if (now > _at)
            {
                Tokens = Math.Min(capacity, Tokens + ((now - _at) * tokensPerTick));
                _at = now;
            }
        }
    }
}
