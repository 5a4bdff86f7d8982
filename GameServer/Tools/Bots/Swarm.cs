using System.Collections.Concurrent;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>
/// What the bots of one process share: who moves which player, the measured window, and the counts
/// by kind. A bot is known as a mover once it has joined; the window is set once every bot has joined,
/// and until then nothing is measured.
/// </summary>
internal sealed class Swarm
{
    private readonly ConcurrentDictionary<int, Bot> _byPlayer = new();
    private long _measureFrom = long.MaxValue;
    private long _measureUntil = long.MaxValue;
    private long _registered;
    private long _loggedIn;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stopwatch timestamp at which the measured window opens.</summary>
    public long MeasureFrom => Volatile.Read(ref _measureFrom);

    /// <summary>Stopwatch timestamp at which it closes; the bots stop acting then.</summary>
    public long MeasureUntil => Volatile.Read(ref _measureUntil);

    /// <summary>Errors by method and code (<c>players.move -32029</c>), or by what failed (<c>connect</c>).</summary>
    public KindCounts Errors { get; } = new();

    /// <summary>Reconnects by why the connection ended (<c>closed 1008</c>, <c>dropped</c>).</summary>
    public KindCounts Reconnects { get; } = new();

    /// <summary>
    /// From each lost connection to the bot's first action answered after it resumed (on the next node
    /// of a cluster): how long reconnecting kept it out of play. Read once the bots are disposed.
    /// </summary>
    public LatencyHistogram OutOfPlay { get; } = new();

    /// <summary>Users created by this run; 0 on a second run with the same <c>--users-prefix</c>.</summary>
    public long Registered => Volatile.Read(ref _registered);

    /// <summary>Users that existed and logged in.</summary>
    public long LoggedIn => Volatile.Read(ref _loggedIn);

    /// <summary>Completes when the window has closed (or the run is given up): the quiet bots stop waiting then.</summary>
    public Task Ended => _ended.Task;

    public bool Over(long now) => now >= MeasureUntil || _ended.Task.IsCompleted;

    public void End() => _ended.TrySetResult();

    public void Joined(Bot bot, bool registered)
    {
        _byPlayer[bot.PlayerId] = bot;
        Interlocked.Increment(ref registered ? ref _registered : ref _loggedIn);
    }

    public void BackInPlay(long stopwatchTicks)
    {
        lock (OutOfPlay)
        {
            OutOfPlay.Record(stopwatchTicks);
        }
    }

    public void Start(long measureFrom, long measureUntil)
    {
        // The end first: a bot that sees the window open must also see when it closes.
        Volatile.Write(ref _measureUntil, measureUntil);
        Volatile.Write(ref _measureFrom, measureFrom);
    }

    /// <summary>The bot that moves <paramref name="playerId"/>, or null for another player (of another process, or no bot).</summary>
    public Bot? Mover(int playerId) => _byPlayer.GetValueOrDefault(playerId);

    public bool InWindow(long timestamp) => timestamp >= MeasureFrom && timestamp < MeasureUntil;
}
