namespace GameServer.Tools.Bots;

/// <summary>
/// A bot's recent moves: the position each move leads to and when it was sent. <c>players.updated</c>
/// carries positions, not timestamps, so a receiving bot finds the send time of what it sees by the
/// mover's exact position; random fractional steps make positions unique in practice. Written by
/// the mover, read by every other bot, so it is guarded by a lock held for a few array reads.
/// </summary>
internal sealed class MoveLog
{
    /// <summary>About 12 s of history at 10 Hz: far longer than any update should take to arrive.</summary>
    public const int Capacity = 128;

    private readonly Lock _lock = new();
    private readonly double[] _x = new double[Capacity];
    private readonly double[] _y = new double[Capacity];
    private readonly long[] _sentAt = new long[Capacity];
    private int _next;
    private int _count;

    /// <summary>Remembers a move to (<paramref name="x"/>, <paramref name="y"/>), forgetting the oldest when full.</summary>
    public void Add(double x, double y, long sentAt)
    {
        lock (_lock)
        {
            _x[_next] = x;
            _y[_next] = y;
            _sentAt[_next] = sentAt;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>The send time of the latest remembered move to exactly this position.</summary>
    public bool TryFind(double x, double y, out long sentAt)
    {
        lock (_lock)
        {
            // Newest first: the position seen is almost always the last or second-to-last move.
            for (var i = 1; i <= _count; i++)
            {
                var slot = (_next - i + Capacity) % Capacity;
                if (_x[slot] == x && _y[slot] == y)
                {
                    sentAt = _sentAt[slot];
                    return true;
                }
            }
        }

        sentAt = 0;
        return false;
    }
}
