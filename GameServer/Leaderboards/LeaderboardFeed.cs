using GameServer.Protocol;
using GameServer.Protocol.Leaderboards;
using GameServer.Realtime;

namespace GameServer.Leaderboards;

/// <summary>
/// <c>leaderboard.changed</c>: one channel per board and period, each with its own subscribers and its
/// own pace, so a busy board never delays or silences another.
/// </summary>
public sealed class LeaderboardFeed : IDisposable
{
    private readonly LeaderboardService _boards;
    private readonly LeaderboardChannel[] _channels;

    public LeaderboardFeed(LeaderboardService boards, SessionRegistry sessions, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(boards);
        _boards = boards;
        _channels =
        [
            .. from board in LeaderboardNames.Boards
               from period in LeaderboardNames.Periods
               select new LeaderboardChannel(boards, board, period, sessions, time),
        ];
        boards.TopChanged += OnTopChanged;
    }

    /// <summary>Subscribes the session to one board and period; answers with its top 10 now.</summary>
    public LeaderboardPage Subscribe(Session session, string? board, string? period)
    {
        var channel = Channel(board, period);
        channel.Subscribers.Add(session);
        return _boards.Top(board, period, Ranking.TopSize);
    }

    public bool Unsubscribe(Session session, string? board, string? period) => Channel(board, period).Subscribers.Remove(session);

    public void Dispose()
    {
        _boards.TopChanged -= OnTopChanged;
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    private LeaderboardChannel Channel(string? board, string? period) =>
        Channel(LeaderboardNames.ParseBoard(board), LeaderboardNames.ParsePeriod(period));

    private LeaderboardChannel Channel(LeaderboardBoard board, LeaderboardPeriod period) =>
        _channels[((int)board * LeaderboardNames.Periods.Count) + (int)period];

    private void OnTopChanged(LeaderboardBoard board, LeaderboardPeriod period) => Channel(board, period).TopChanged();
}

/// <summary>
/// One board and period's notifications: at most one per <see cref="MinInterval"/>, and only when the
/// top 10 differs from what subscribers were last told. The first change after a quiet second goes at
/// once; changes within the second are gathered into one, sent when the second is up, with the top 10
/// as it is then.
/// </summary>
internal sealed class LeaderboardChannel(LeaderboardService boards, LeaderboardBoard board, LeaderboardPeriod period, SessionRegistry sessions, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private ITimer? _pending;
    private DateTimeOffset _lastSentAt = DateTimeOffset.MinValue;
    private IReadOnlyList<LeaderboardEntry> _lastTop = [];

    public Subscribers Subscribers { get; } = new(sessions);

    public void TopChanged()
    {
        lock (_lock)
        {
            if (_pending is not null)
            {
                return;
            }

            var wait = _lastSentAt == DateTimeOffset.MinValue ? TimeSpan.Zero : _lastSentAt + MinInterval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                _pending = time.CreateTimer(_ => Send(), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Send();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _pending?.Dispose();
            _pending = null;
        }
    }

    private void Send()
    {
        lock (_lock)
        {
            _pending?.Dispose();
            _pending = null;
            var top = boards.TopTen(board, period);
            if (top.SequenceEqual(_lastTop))
            {
                return;
            }

            _lastTop = top;

            // Nobody to tell: the top is remembered, so a later subscriber is not told what its answer said, and the second is not used up.
            if (Subscribers.Count == 0)
            {
                return;
            }

            _lastSentAt = time.GetUtcNow();
            var changed = new LeaderboardChanged(board.Name(), period.Name(), top);
            Subscribers.Broadcast(Notification.Create(Methods.LeaderboardChanged, changed, GameJsonContext.Default.LeaderboardChanged));
        }
    }
}
