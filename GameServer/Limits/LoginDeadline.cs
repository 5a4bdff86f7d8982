using System.Collections.Concurrent;
using System.Net.WebSockets;
using GameServer.Realtime;
using Microsoft.Extensions.Options;

namespace GameServer.Limits;

/// <summary>
/// Closes with 1008 a session that has not logged in within <c>Limits:LoginDeadline</c> of opening
/// (or of logging out): an anonymous socket costs a file handle and memory and earns nothing, so it
/// may not stay open for ever. The timers run on the server's <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class LoginDeadline : IHostedService
{
    private readonly ConcurrentDictionary<long, ITimer> _timers = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _deadline;
    private readonly ILogger<LoginDeadline> _logger;

    public LoginDeadline(SessionRegistry sessions, IOptions<LimitsOptions> options, TimeProvider time, ILogger<LoginDeadline> logger)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _logger = logger;
        _deadline = options.Value.LoginDeadline;
        sessions.Opened += Arm;
        sessions.SignedIn += Disarm;
        sessions.SignedOut += (session, _) =>
        {
            if (!session.IsClosing)
            {
                Arm(session);
            }
        };
        sessions.Closed += Disarm;
    }

    /// <summary>Sessions waiting for a login now.</summary>
    public int Pending => _timers.Count;

    /// <summary>Nothing to start: the constructor has subscribed to the sessions.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Arm(Session session)
    {
        var timer = _time.CreateTimer(
            static state =>
            {
                var (session, owner) = ((Session, LoginDeadline))state!;
                owner.Expire(session);
            },
            (session, this),
            _deadline,
            Timeout.InfiniteTimeSpan);
        if (_timers.TryRemove(session.Id, out var previous))
        {
            previous.Dispose();
        }

        _timers[session.Id] = timer;
    }

    private void Disarm(Session session)
    {
        if (_timers.TryRemove(session.Id, out var timer))
        {
            timer.Dispose();
        }
    }

    private void Expire(Session session)
    {
        Disarm(session);
        if (session.User is null && !session.IsClosing)
        {
            LogExpired(session.Id, session.RemoteAddress, _deadline.TotalSeconds);
            session.RequestClose(WebSocketCloseStatus.PolicyViolation, $"login deadline: log in within {_deadline.TotalSeconds:0.###} s of connecting");
        }
    }

    [LoggerMessage(LogLevel.Information, "Session {SessionId} from {RemoteAddress} closed with 1008: no login within {DeadlineSeconds} s")]
    private partial void LogExpired(long sessionId, string remoteAddress, double deadlineSeconds);
}
