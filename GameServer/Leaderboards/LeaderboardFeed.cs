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

    public LeaderboardFeed(LeaderboardService boards, SessionRegistry sessions, TimeProvider time, ILogger<LeaderboardFeed> logger)
    {
        ArgumentNullException.ThrowIfNull(boards);
        _boards = boards;
        _channels =
        [
            .. from board in LeaderboardNames.Boards
               from period in LeaderboardNames.Periods
               select new LeaderboardChannel(boards, board, period, sessions, time, logger),
        ];
        boards.TopChanged += OnTopChanged;
    }

    /// <summary>Subscribes the session to one board and period; answers with its top 10 now.</summary>
    public ValueTask<LeaderboardPage> SubscribeAsync(Session session, string? board, string? period)
    {
        var channel = Channel(board, period);
        channel.Subscribers.Add(session);
        return _boards.TopAsync(board, period, Ranking.TopSize);
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
