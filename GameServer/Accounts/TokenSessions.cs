using GameServer.Cluster;
using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Realtime;

namespace GameServer.Accounts;

/// <summary>
/// The live sessions of each token. Revoking a token (a logout, a password reset) or its expiry
/// signs out every session using it at once, each told why with <c>auth.signed_out</c>; a session
/// keeps no right its token has lost. One timer, on the server's <see cref="TimeProvider"/>, waits for
/// the earliest expiry among the signed-in sessions (kept in order): ten thousand idle sessions
/// cost the timer queue one entry, not ten thousand. It also records when users were last seen.
/// The transport knows the token only as an opaque credential id; what it means is known here.
/// </summary>
public sealed partial class TokenSessions(
    SessionRegistry registry, AccountService accounts, ClusterBus bus, LocalNode node, TimeProvider time, ILogger<TokenSessions> logger)
    : IHostedService, IDisposable
{
    // The longest due time a timer accepts (about 49 days); a later expiry is re-armed when it fires.
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly Lock _gate = new();
    private readonly Dictionary<Session, Tracked> _bySession = [];
    private readonly Dictionary<string, HashSet<Session>> _byToken = new(StringComparer.Ordinal);
    private readonly SortedSet<Tracked> _byExpiry = new(Tracked.ExpiryOrder);
    private long _tracked;
    private ITimer? _expiryTimer;
    private DateTime _expiryTimerDue = DateTime.MaxValue;

    /// <summary>Follows <paramref name="session"/>, just signed in with <paramref name="signedIn"/>'s token, until it signs out or closes.</summary>
    public void Track(Session session, SignedInUser signedIn)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(signedIn);
        lock (_gate)
        {
            var tracked = new Tracked(session, signedIn.TokenHash, signedIn.ExpiresAt, ++_tracked);
            Forget(session);
            _bySession[session] = tracked;
            if (!_byToken.TryGetValue(tracked.TokenHash, out var sessions))
            {
                _byToken[tracked.TokenHash] = sessions = [];
            }

            sessions.Add(session);
            if (session.User is null)
            {
                // Closed or signed out before it could be followed: its events have passed, so forget it now.
                Forget(session);
                return;
            }

            if (tracked.ExpiresAt > time.GetUtcNow().UtcDateTime)
            {
                _byExpiry.Add(tracked);
                ArmExpiryTimer(tracked.ExpiresAt);
                return;
            }
        }

        // Expired already (a lifetime of a few milliseconds): no timer to wait for.
        SignOut(session, SignOutReasons.Expired);
    }

    /// <summary>Signs out every session using <paramref name="tokenHash"/> but <paramref name="except"/>, on every node, telling each <paramref name="reason"/>.</summary>
    public void SignOutToken(string tokenHash, string reason, Session? except = null) =>
        bus.Publish(SignOutChannel, new SignOutOrder(tokenHash, null, reason, node.InstanceId, except?.Id), AccountsBusJson.Default.SignOutOrder);

    /// <summary>Signs out every session of <paramref name="userId"/> on every node, whatever its token, telling each <paramref name="reason"/>.</summary>
    public void SignOutUser(int userId, string reason) =>
        bus.Publish(SignOutChannel, new SignOutOrder(null, userId, reason, node.InstanceId, null), AccountsBusJson.Default.SignOutOrder);

    private void SignOutTokenHere(string tokenHash, string reason, Session? except)
    {
        Session[] sessions;
        lock (_gate)
        {
            sessions = _byToken.TryGetValue(tokenHash, out var found) ? [.. found.Where(s => s != except)] : [];
        }

        foreach (var session in sessions)
        {
            SignOut(session, reason);
        }
    }

    private void SignOutUserHere(int userId, string reason)
    {
        foreach (var session in registry.SessionsOf(userId))
        {
            SignOut(session, reason);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ListenToOtherNodes();
        registry.SignedOut += OnSignedOut;
        registry.Closed += OnClosed;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.SignedOut -= OnSignedOut;
        registry.Closed -= OnClosed;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = null;
            _byExpiry.Clear();
            _bySession.Clear();
            _byToken.Clear();
        }
    }

    private void SignOut(Session session, string reason)
    {
        // Signed out before told, so a call the client makes on hearing it already finds no login.
        var user = session.User;
        session.SignOut();
        ForgetIfSignedOut(session);
        if (user is not null)
        {
            session.Send(Notification.Create(Methods.AuthSignedOut, new SignedOut(reason), GameJsonContext.Default.SignedOut));
            LogSignedOut(session.Id, user.Username, reason);
        }
    }

    // Called with _gate held, for a future expiry, so the timer never fires inside the caller's lock.
    // The timer is only ever moved earlier here; a sweep that finds nothing due re-arms it for the next.
    private void ArmExpiryTimer(DateTime expiresAt)
    {
        if (expiresAt >= _expiryTimerDue)
        {
            return;
        }

        if (_expiryTimer is null)
        {
            // Not in the execution context of the login that comes first: its log scope would live on in the timer.
            using (ExecutionContext.SuppressFlow())
            {
                _expiryTimer = time.CreateTimer(_ => SignOutExpired(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        _expiryTimerDue = expiresAt;
        _expiryTimer.Change(DueIn(expiresAt), Timeout.InfiniteTimeSpan);
    }

    private TimeSpan DueIn(DateTime expiresAt)
    {
        var due = expiresAt - time.GetUtcNow().UtcDateTime;
        return due <= TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerDue ? MaxTimerDue : due;
    }

    private void SignOutExpired()
    {
        List<Session> expired = [];
        lock (_gate)
        {
            var now = time.GetUtcNow().UtcDateTime;
            while (_byExpiry.Count > 0 && _byExpiry.Min!.ExpiresAt <= now)
            {
                var tracked = _byExpiry.Min;
                _byExpiry.Remove(tracked);
                expired.Add(tracked.Session);
            }

            _expiryTimerDue = DateTime.MaxValue;
            if (_byExpiry.Count > 0 && _expiryTimer is not null)
            {
                // An expiry past the timer's longest due time is reached in several steps.
                _expiryTimerDue = _byExpiry.Min!.ExpiresAt;
                _expiryTimer.Change(DueIn(_expiryTimerDue), Timeout.InfiniteTimeSpan);
            }
        }

        foreach (var session in expired)
        {
            SignOut(session, SignOutReasons.Expired);
        }
    }

    private void OnSignedOut(Session session, SessionUser user)
    {
        ForgetIfSignedOut(session);

        try
        {
            accounts.MarkSeen(user.Id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Losing a last-seen time costs at most a gift; the sign-out itself must go on.
            LogLastSeenFailed(e, user.Id);
        }
    }

    // Unless it has signed in again since (its own login racing a sign-out): then its new token is followed.
    private void ForgetIfSignedOut(Session session)
    {
        lock (_gate)
        {
            if (session.User is null)
            {
                Forget(session);
            }
        }
    }

    private void OnClosed(Session session)
    {
        lock (_gate)
        {
            Forget(session);
        }
    }

    // Called with _gate held.
    private void Forget(Session session)
    {
        if (!_bySession.Remove(session, out var tracked))
        {
            return;
        }

        _byExpiry.Remove(tracked);
        if (_byToken.TryGetValue(tracked.TokenHash, out var sessions) && sessions.Remove(session) && sessions.Count == 0)
        {
            _byToken.Remove(tracked.TokenHash);
        }
    }

    [LoggerMessage(LogLevel.Information, "Session {SessionId} of {Username} signed out: {Reason}")]
    private partial void LogSignedOut(long sessionId, string username, string reason);

    [LoggerMessage(LogLevel.Warning, "Could not record when user {UserId} was last seen")]
    private partial void LogLastSeenFailed(Exception exception, int userId);

    /// <summary>A signed-in session's token, in the order of expiry (then of signing in, so no two are equal).</summary>
    private sealed class Tracked(Session session, string tokenHash, DateTime expiresAt, long order)
    {
        public static readonly IComparer<Tracked> ExpiryOrder = Comparer<Tracked>.Create(
            (a, b) => a.ExpiresAt != b.ExpiresAt ? a.ExpiresAt.CompareTo(b.ExpiresAt) : a._order.CompareTo(b._order));

        private readonly long _order = order;

        public Session Session { get; } = session;

        public string TokenHash { get; } = tokenHash;

        public DateTime ExpiresAt { get; } = expiresAt;
    }
}
