using GameServer.Accounts;
using GameServer.Chat;
using GameServer.Gifts;
using GameServer.Monsters;
using GameServer.Players;
using GameServer.Protocol.Analytics;
using GameServer.Realtime;

namespace GameServer.Analytics;

/// <summary>
/// Follows the game the way the leaderboards do, through the streams and events the features publish,
/// so none of them knows analytics: registrations, logins and logouts, moves, gifts, strikes, defeats,
/// chat messages. When the server stops (after the sessions have closed and the jobs have stopped), it
/// records the walks still open and writes what the buffer holds.
/// </summary>
public sealed partial class AnalyticsHost(
    AnalyticsBuffer buffer,
    AnalyticsSessions sessions,
    AnalyticsWriter writer,
    SessionRegistry registry,
    AccountService accounts,
    PlayerWorld players,
    GiftFeed gifts,
    MonsterFeed monsters,
    ChatService chat,
    ILogger<AnalyticsHost> logger) : IHostedService
{
    private readonly List<IDisposable> _followed = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.SignedIn += OnSignedIn;
        registry.SignedOut += OnSignedOut;
        Follow(players.Moved, sessions.Moved);
        Follow(accounts.Registered, r => Record(AnalyticsEventTypes.Registered, r.User));
        Follow(gifts.Given, given =>
        {
            for (var i = 0; i < given.Users.Count; i++)
            {
                buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.GiftReceived, User = given.Users[i], Item = given.Items[i] });
            }
        });
        Follow(monsters.Strikes, s => buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.MonsterStruck, User = s.User, Monster = s.Monster, HealthPoints = s.HealthPoints }));
        Follow(monsters.Defeats, d => buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.MonsterDefeated, User = d.User, Monster = d.Monster, Defeats = d.Defeats }));
        Follow(chat.Sent, m => buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.ChatSent, User = m.User, Message = m.Id, Length = m.Text.EnumerateRunes().Count() }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.SignedIn -= OnSignedIn;
        registry.SignedOut -= OnSignedOut;
        foreach (var followed in _followed)
        {
            followed.Dispose();
        }

        _followed.Clear();
        sessions.RecordAllWalks();
        writer.WritePending();
        return Task.CompletedTask;
    }

    private void Record(string type, int user) => buffer.Record(new AnalyticsEvent { Type = type, User = user });

    private void OnSignedIn(Session session) => Guarded(AnalyticsEventTypes.LoggedIn, () => sessions.SignedIn(session));

    private void OnSignedOut(Session session, SessionUser user) => Guarded(AnalyticsEventTypes.LoggedOut, () => sessions.SignedOut(session, user));

    private void Follow<T>(IObservable<T> events, Action<T> record) =>
        _followed.Add(events.Subscribe(e => Guarded(typeof(T).Name, () => record(e))));

    // Recording runs on the thread of the login, move or strike that raised it: a fault is logged, never thrown into the player's call.
    private void Guarded(string what, Action record)
    {
        try
        {
            record();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRecordFailed(e, what);
        }
    }

    [LoggerMessage(LogLevel.Error, "Analytics failed to record {Event}")]
    private partial void LogRecordFailed(Exception error, string @event);
}
