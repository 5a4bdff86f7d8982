using GameServer.Protocol;
using GameServer.Protocol.Leaderboards;
using GameServer.Realtime;
using StackExchange.Redis;

namespace GameServer.Leaderboards;

/// <summary>
/// One board and period's notifications: at most one per <see cref="MinInterval"/>, and only when the
/// top 10 differs from what subscribers were last told. The first change after a quiet second goes at
/// once; changes within the second are gathered into one, sent when the second is up, with the top 10
/// as it is then. In memory the top 10 is read at once, on the thread of the change; in cluster mode it
/// is read from Redis without holding a thread, one read at a time per channel, so an older top never
/// lands after a newer one.
/// </summary>
internal sealed partial class LeaderboardChannel(
    LeaderboardService boards,
    LeaderboardBoard board,
    LeaderboardPeriod period,
    SessionRegistry sessions,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private ITimer? _pending;
    private DateTimeOffset _lastSentAt = DateTimeOffset.MinValue;
    private IReadOnlyList<LeaderboardEntry> _lastTop = [];

    public Subscribers Subscribers { get; } = new(sessions);

    public void TopChanged()
    {
        lock (_lock)
        {
            if (_pending is not null || !Due())
            {
                return;
            }
        }

        _ = SendAsync();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _pending?.Dispose();
            _pending = null;
        }
    }

    // Under _lock. False when a send is armed for the end of the second instead.
    private bool Due()
    {
        var wait = _lastSentAt == DateTimeOffset.MinValue ? TimeSpan.Zero : _lastSentAt + MinInterval - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        _pending = time.CreateTimer(_ => _ = SendAsync(), null, wait, Timeout.InfiniteTimeSpan);
        return false;
    }

    private async Task SendAsync()
    {
        lock (_lock)
        {
            _pending?.Dispose();
            _pending = null;
        }

        await _sending.WaitAsync();
        try
        {
            var top = await boards.TopTenAsync(board, period);
            lock (_lock)
            {
                Tell(top);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Cluster mode with Redis away: the next change reads the top 10 again.
            LogTopUnread(e, board.Name(), period.Name());
        }
        finally
        {
            _sending.Release();
        }
    }

    // Under _lock, with the top 10 just read.
    private void Tell(IReadOnlyList<LeaderboardEntry> top)
    {
        if (top.SequenceEqual(_lastTop))
        {
            return;
        }

        // Nobody to tell: the top is remembered, so a later subscriber is not told what its answer said, and the second is not used up.
        if (Subscribers.Count == 0)
        {
            _lastTop = top;
            return;
        }

        // A send that raced the read of another (cluster mode) keeps the pace: it waits for the end of the second and reads again.
        if (_pending is not null || !Due())
        {
            return;
        }

        _lastTop = top;
        _lastSentAt = time.GetUtcNow();
        var changed = new LeaderboardChanged(board.Name(), period.Name(), top);
        Subscribers.Broadcast(Notification.Create(Methods.LeaderboardChanged, changed, GameJsonContext.Default.LeaderboardChanged));
    }

    [LoggerMessage(LogLevel.Warning, "Leaderboard {Board} {Period}: the top 10 could not be read from Redis; subscribers are told at the next change")]
    private partial void LogTopUnread(Exception error, string board, string period);
}
