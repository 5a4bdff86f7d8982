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
    private long _movesAccepted;
    private long _movesRefused;
    private long _mispredicted;
    private long _messagesOut;
    private long _messagesIn;
    private long _updatesIn;

    public long MovesSent => Volatile.Read(ref _movesSent);

    public long MovesAccepted => Volatile.Read(ref _movesAccepted);

    public long MovesRefused => Volatile.Read(ref _movesRefused);

    public long Mispredicted => Volatile.Read(ref _mispredicted);

    /// <summary>Frames sent: one per call.</summary>
    public long MessagesOut => Volatile.Read(ref _messagesOut);

    /// <summary>Frames received: answers and notifications.</summary>
    public long MessagesIn => Volatile.Read(ref _messagesIn);

    /// <summary><c>players.updated</c> notifications received.</summary>
    public long UpdatesIn => Volatile.Read(ref _updatesIn);

    public void MoveSent() => Interlocked.Increment(ref _movesSent);

    public void MoveAccepted() => Interlocked.Increment(ref _movesAccepted);

    public void MoveRefused() => Interlocked.Increment(ref _movesRefused);

    public void MoveMispredicted() => Interlocked.Increment(ref _mispredicted);

    public void MessageOut() => Interlocked.Increment(ref _messagesOut);

    public void MessageIn() => Interlocked.Increment(ref _messagesIn);

    public void UpdateIn() => Interlocked.Increment(ref _updatesIn);
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
