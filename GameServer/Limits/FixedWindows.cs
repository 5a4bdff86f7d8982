using System.Collections.Concurrent;

namespace GameServer.Limits;

/// <summary>
/// A fixed window per key (a user): at most <c>permits</c> takes per <c>window</c>, the window
/// starting at the key's first take after the last one ended. On the server's <see cref="TimeProvider"/>
/// (the framework's rate limiters keep a clock of their own), so tests move the window in virtual time.
/// </summary>
public sealed class FixedWindows<TKey>
    where TKey : notnull
{
    // Above this many keys, a take first drops the windows that have ended (they hold no history).
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<TKey, Window> _windows = new();
    private readonly int _permits;
    private readonly TimeSpan _length;
    private readonly TimeProvider _time;
    private long _lastPrune;

    public FixedWindows(int permits, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _permits = permits;
        _length = window;
        _time = time;
    }

    /// <summary>Takes one permit of <paramref name="key"/>'s window; when none is left, says how long until the window ends.</summary>
    public bool TryTake(TKey key, out TimeSpan retryAfter)
    {
        var now = _time.GetTimestamp();
        if (_windows.Count > PruneThreshold)
        {
            Prune(now);
        }

        var window = _windows.GetOrAdd(key, static (_, now) => new Window(now), now);
        lock (window)
        {
            var elapsed = _time.GetElapsedTime(window.Start, now);
            if (elapsed >= _length)
            {
                window.Start = now;
                window.Taken = 0;
                elapsed = TimeSpan.Zero;
            }

            if (window.Taken < _permits)
            {
                window.Taken++;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = _length - elapsed;
            return false;
        }
    }

    private void Prune(long now)
    {
        // At most once per window length, so a flood of new keys does not prune on every take.
        var last = Interlocked.Read(ref _lastPrune);
        if (_time.GetElapsedTime(last, now) < _length || Interlocked.CompareExchange(ref _lastPrune, now, last) != last)
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            lock (window)
            {
                if (_time.GetElapsedTime(window.Start, now) >= _length)
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Window(long start)
    {
        public long Start { get; set; } = start;

        public int Taken { get; set; }
    }
}
