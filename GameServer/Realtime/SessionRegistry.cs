using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace GameServer.Realtime;

/// <summary>
/// Every open session, and the sessions of each logged-in user (one user may be on several devices).
/// Features reach a user's devices through it without knowing anything of sockets.
/// </summary>
public sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<long, Session> _sessions = new();
    private readonly ConcurrentDictionary<int, Session[]> _byUser = new();
    private readonly Lock _byUserLock = new();
    private readonly IOptions<RealtimeOptions> _options;
    private long _lastId;
    private int _sessionsLoggedIn;

    public SessionRegistry(IOptions<RealtimeOptions> options, RealtimeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _options = options;
        Metrics = metrics;
        metrics.ObserveSessions(() => Count, () => Volatile.Read(ref _sessionsLoggedIn));
    }

    /// <summary>Raised when a session has opened, before it reads its first message.</summary>
    public event Action<Session>? Opened;

    /// <summary>Raised after a session logs in (or switches user).</summary>
    public event Action<Session>? SignedIn;

    /// <summary>Raised after a logged-in session logs out or closes, with the user it had.</summary>
    public event Action<Session, SessionUser>? SignedOut;

    /// <summary>Raised after a session has closed, once its user (if any) has been signed out.</summary>
    public event Action<Session>? Closed;

    /// <summary>The transport's instruments: frames, errors and the counts of this registry.</summary>
    public RealtimeMetrics Metrics { get; }

    /// <summary>Open sessions, logged in or not.</summary>
    public int Count => _sessions.Count;

    /// <summary>The open sessions of <paramref name="userId"/>; empty when the user is offline.</summary>
    public IReadOnlyList<Session> SessionsOf(int userId) =>
        _byUser.TryGetValue(userId, out var sessions) ? sessions : [];

    /// <summary>The open session numbered <paramref name="sessionId"/> on this node, if any.</summary>
    public Session? Find(long sessionId) => _sessions.GetValueOrDefault(sessionId);

    /// <summary>Whether any session of <paramref name="userId"/> is open.</summary>
    public bool IsOnline(int userId) => _byUser.ContainsKey(userId);

    /// <summary>The users with a logged-in session now; a snapshot.</summary>
    public IReadOnlyCollection<int> OnlineUserIds => [.. _byUser.Keys];

    /// <summary>Queues <paramref name="message"/> for every open session of <paramref name="userId"/>.</summary>
    public int SendToUser(int userId, OutboundMessage message)
    {
        var sent = 0;
        foreach (var session in SessionsOf(userId))
        {
            sent += session.Send(message) ? 1 : 0;
        }

        return sent;
    }

    /// <summary>Asks every session to close and waits, up to <paramref name="timeout"/>, until they have.</summary>
    public async Task CloseAllAsync(WebSocketCloseStatus status, string description, TimeSpan timeout)
    {
        foreach (var session in _sessions.Values)
        {
            session.RequestClose(status, description);
        }

        var deadline = DateTime.UtcNow + timeout;
        while (!_sessions.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    internal Session Open(WebSocket socket, IPAddress? clientAddress, string remoteAddress)
    {
        var session = new Session(Interlocked.Increment(ref _lastId), socket, clientAddress, remoteAddress, this, _options.Value, Metrics);
        _sessions[session.Id] = session;
        Opened?.Invoke(session);
        return session;
    }

    internal void Close(Session session)
    {
        _sessions.TryRemove(session.Id, out _);
        session.SignOut();
        Closed?.Invoke(session);
    }

    internal void OnSignedIn(Session session, SessionUser? previous)
    {
        var user = session.User!;
        lock (_byUserLock)
        {
            if (previous is not null)
            {
                RemoveFromUser(session, previous.Id);
            }
            else
            {
                _sessionsLoggedIn++;
            }

            _byUser[user.Id] = _byUser.TryGetValue(user.Id, out var sessions) ? [.. sessions, session] : [session];
        }

        if (previous is not null && previous.Id != user.Id)
        {
            SignedOut?.Invoke(session, previous);
        }

        SignedIn?.Invoke(session);
    }

    internal void OnSignedOut(Session session, SessionUser previous)
    {
        lock (_byUserLock)
        {
            RemoveFromUser(session, previous.Id);
            _sessionsLoggedIn--;
        }

        SignedOut?.Invoke(session, previous);
    }

    // Copy-on-write arrays: sends to a user's devices read a snapshot without taking the lock.
    private void RemoveFromUser(Session session, int userId)
    {
        if (!_byUser.TryGetValue(userId, out var sessions))
        {
            return;
        }

        var remaining = Array.FindAll(sessions, s => s != session);
        if (remaining.Length == 0)
        {
            _byUser.TryRemove(userId, out _);
        }
        else
        {
            _byUser[userId] = remaining;
        }
    }
}
