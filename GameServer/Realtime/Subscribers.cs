using System.Collections.Concurrent;

namespace GameServer.Realtime;

/// <summary>
/// The sessions subscribed to one stream of notifications (chat, players, monsters). A session leaves
/// by unsubscribing or by closing; a broadcast sends the same bytes to each member.
/// </summary>
public sealed class Subscribers
{
    private readonly ConcurrentDictionary<long, Session> _members = new();

    public Subscribers(SessionRegistry sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        sessions.Closed += session => Remove(session);
        sessions.SignedOut += (session, _) => Remove(session);
    }

    public int Count => _members.Count;

    /// <summary>Adds the session; false when it was already subscribed.</summary>
    public bool Add(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return !session.IsClosing && _members.TryAdd(session.Id, session);
    }

    /// <summary>Removes the session; false when it was not subscribed.</summary>
    public bool Remove(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _members.TryRemove(session.Id, out _);
    }

    public bool Contains(Session session) => session is not null && _members.ContainsKey(session.Id);

    /// <summary>The members now; a member may close while the caller iterates.</summary>
    public IEnumerable<Session> Members => _members.Values;

    /// <summary>Queues the same bytes for every member; returns how many accepted them.</summary>
    public int Broadcast(OutboundMessage message)
    {
        var sent = 0;
        foreach (var session in _members.Values)
        {
            sent += session.Send(message) ? 1 : 0;
        }

        return sent;
    }
}
