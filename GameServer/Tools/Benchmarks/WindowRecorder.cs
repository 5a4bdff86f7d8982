namespace GameServer.Tools.Benchmarks;

/// <summary>Counts the round trips that complete inside one fixed window, and stops the loop at its end.</summary>
internal sealed class WindowRecorder : IRoundTripRecorder
{
    private long _from = long.MaxValue;
    private long _until = long.MaxValue;

    public LatencyHistogram Latencies { get; } = new();

    /// <summary>Sets the window; set before the first round trip completes, read only by this connection's loop.</summary>
    public void Measure(long from, long until)
    {
        // Until first: a loop that sees only one of the two new values records nothing it should not.
        Volatile.Write(ref _until, until);
        Volatile.Write(ref _from, from);
    }

    public bool BeforeSend(long now) => now < Volatile.Read(ref _until);

    public void AfterReceive(long sent, long received)
    {
        if (received >= Volatile.Read(ref _from) && received < Volatile.Read(ref _until))
        {
            Latencies.Record(received - sent);
        }
    }
}
