using System.Collections.Concurrent;
using GameServer.Players;
using GameServer.Protocol.Analytics;
using GameServer.Realtime;

namespace GameServer.Analytics;

/// <summary>
/// Sessions as analytics sees them: a session runs from its login to its logout or close, and its
/// length goes with <c>logged_out</c>. Moves are summed per user as they happen and written as one
/// <c>moved</c> row when a session of that user ends, instead of one row per move.
/// </summary>
public sealed class AnalyticsSessions(AnalyticsBuffer buffer, TimeProvider time)
{
    private readonly ConcurrentDictionary<Session, (int User, DateTimeOffset Since)> _open = new();
    private readonly ConcurrentDictionary<int, (double Distance, int Moves)> _walks = new();

    /// <summary>A session logged in; a session whose rights changed (same user again) is the same session.</summary>
    public void SignedIn(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.User is not { } user || (_open.TryGetValue(session, out var open) && open.User == user.Id))
        {
            return;
        }

        _open[session] = (user.Id, time.GetUtcNow());
        buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.LoggedIn, User = user.Id, InWorld = user.InWorld });
    }

    /// <summary>A session logged out, closed, or switched to another user: its length is recorded, and the user's moves so far.</summary>
    public void SignedOut(Session session, SessionUser user)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(user);
        if (_open.TryGetValue(session, out var open) && open.User == user.Id && _open.TryRemove(KeyValuePair.Create(session, open)))
        {
            var seconds = Math.Round((time.GetUtcNow() - open.Since).TotalSeconds, 3);
            buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.LoggedOut, User = user.Id, SessionSeconds = seconds });
        }

        RecordWalk(user.Id);
    }

    /// <summary>Adds a move to the user's walk; lock-free, on the mover's thread.</summary>
    public void Moved(PlayerMoved moved) =>
        _walks.AddOrUpdate(moved.User, (moved.Distance, 1), (_, walk) => (walk.Distance + moved.Distance, walk.Moves + 1));

    /// <summary>Records every walk not yet recorded: when the server stops.</summary>
    public void RecordAllWalks()
    {
        foreach (var user in _walks.Keys)
        {
            RecordWalk(user);
        }
    }

    private void RecordWalk(int user)
    {
        if (_walks.TryRemove(user, out var walk))
        {
            buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.Moved, User = user, Distance = Math.Round(walk.Distance, 3), Moves = walk.Moves });
        }
    }
}
