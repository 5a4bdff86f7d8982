using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace GameServer.Tools.Bots;

/// <summary>
/// One bot's running totals since it started. The bot's two loops (its behaviour and its client's
/// receive loop) both write, and the progress line reads them every second, so every write is atomic.
/// </summary>
internal sealed class BotCounters
{
    private long _movesSent;
    private long _measuredSent;
    private long _measuredAccepted;
    private long _measuredRefused;
    private long _measuredMispredicted;
    private long _messagesOut;
    private long _messagesIn;
    private long _updatesIn;

    /// <summary>Every move sent, for the progress line.</summary>
    public long MovesSent => Volatile.Read(ref _movesSent);

    /// <summary>
    /// The moves sent inside the window, and what became of them, wherever their answer falls: the
    /// same moves whose arrivals are measured, so arrivals per accepted move is a true fan-out.
    /// </summary>
    public (long Sent, long Accepted, long Refused, long Mispredicted) Measured =>
        (Volatile.Read(ref _measuredSent), Volatile.Read(ref _measuredAccepted), Volatile.Read(ref _measuredRefused), Volatile.Read(ref _measuredMispredicted));

    /// <summary>Frames sent: one per call.</summary>
    public long MessagesOut => Volatile.Read(ref _messagesOut);

    /// <summary>Frames received: answers and notifications.</summary>
    public long MessagesIn => Volatile.Read(ref _messagesIn);

    /// <summary><c>players.updated</c> notifications received.</summary>
    public long UpdatesIn => Volatile.Read(ref _updatesIn);

    public void MoveSent(bool measured)
    {
        Interlocked.Increment(ref _movesSent);
        Count(measured, ref _measuredSent);
    }

    public void MoveAccepted(bool measured) => Count(measured, ref _measuredAccepted);

    public void MoveRefused(bool measured) => Count(measured, ref _measuredRefused);

    public void MoveMispredicted(bool measured) => Count(measured, ref _measuredMispredicted);

    public void MessageOut() => Interlocked.Increment(ref _messagesOut);

    public void MessageIn() => Interlocked.Increment(ref _messagesIn);

    public void UpdateIn() => Interlocked.Increment(ref _updatesIn);

    private static void Count(bool measured, ref long counter)
    {
        if (measured)
        {
            Interlocked.Increment(ref counter);
        }
    }
}

/// <summary>Counts by kind (an error's method and code, a reconnect's cause), shared by every bot of a process.</summary>
internal sealed class KindCounts
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    public void Add(string kind) => Interlocked.Increment(ref _counts.GetOrAdd(kind, _ => new StrongBox<long>()).Value);

    public long Total => _counts.Values.Sum(b => Volatile.Read(ref b.Value));

    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.ToDictionary(p => p.Key, p => Volatile.Read(ref p.Value.Value), StringComparer.Ordinal);
}
