namespace GameServer.Limits;

/// <summary>
/// Decides when a refusal is worth a log line: the first one, then at most one per
/// <see cref="Every"/>, carrying how many were refused in between. A flood of refused handshakes
/// would otherwise be a flood of log lines, each written on the request's thread.
/// </summary>
public sealed class RefusalReport(TimeProvider time)
{
    /// <summary>The least time between two lines about the same kind of refusal.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    private long _refused;
    private long _lastReported = long.MinValue;

    /// <summary>Counts one refusal; true when a line is due, with the refusals it reports (this one included).</summary>
    public bool Count(out long refused)
    {
        Interlocked.Increment(ref _refused);
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastReported);
        var due = last == long.MinValue || time.GetElapsedTime(last, now) >= Every;
        if (!due || Interlocked.CompareExchange(ref _lastReported, now, last) != last)
        {
            refused = 0;
            return false;
        }

        refused = Interlocked.Exchange(ref _refused, 0);
        return true;
    }
}
