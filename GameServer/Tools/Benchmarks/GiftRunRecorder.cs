namespace GameServer.Tools.Benchmarks;

/// <summary>
/// Where the gift benchmark is, as one counter the ping loops read without locks: 0 while warming up,
/// then odd while idle and even while gift run <c>phase / 2</c> is in progress.
/// </summary>
internal sealed class GiftRunPhase
{
    private int _value;

    public int Current => Volatile.Read(ref _value);

    /// <summary>Warm-up to idle, idle to a run, a run to idle.</summary>
    public void Advance() => Interlocked.Increment(ref _value);
}

/// <summary>
/// One ping connection's latencies, sorted by the phase seen before the ping went out and after its
/// reply came in: idle only if both saw the same idle phase; otherwise the round trip overlapped a gift
/// run and counts for that run. Round trips that touch the warm-up count for nothing.
/// </summary>
internal sealed class GiftRunRecorder(GiftRunPhase phase, int runs) : IRoundTripRecorder
{
    private int _phaseAtSend;

    public LatencyHistogram Idle { get; } = new();

    /// <summary>Index 1 to runs: the round trips that overlapped that run; null for a run none overlapped.</summary>
    public LatencyHistogram?[] During { get; } = new LatencyHistogram?[runs + 1];

    public bool BeforeSend(long now)
    {
        _phaseAtSend = phase.Current;
        return true;
    }

    public void AfterReceive(long sent, long received)
    {
        var now = phase.Current;
        if (_phaseAtSend == 0)
        {
            return;
        }

        if (now == _phaseAtSend && now % 2 == 1)
        {
            Idle.Record(received - sent);
        }
        else
        {
            // The run in progress now, or else the last one that ended since the ping went out.
            // Made on first use: 16 KB each, and a long benchmark has many runs per client.
            (During[Math.Min(now / 2, runs)] ??= new LatencyHistogram()).Record(received - sent);
        }
    }
}
