using GameServer.Analytics;
using GameServer.Protocol.Analytics;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Analytics;

/// <summary>
/// A known event log over two days, and what its summary must say, worked out by hand:
/// 8 March has users 1, 2 and 3 active, users 1 and 2 new, 4 sessions of 60, 120, 600 and 1800 s
/// (median 360, p90 600 + 0.7 × 1200 = 1440); 9 March has users 2 and 4 active and one session of 1200 s.
/// Hour 09 has 10 events, 14 has 4, 10 and 21 have 2 each (the tie goes to 10).
/// </summary>
public static class SeededEvents
{
    /// <summary>The server's clock while the log is read: the day after the log ends, at noon.</summary>
    public static readonly DateTimeOffset Now = new(2030, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<AnalyticsEvent> Log { get; } =
    [
        // 8 March
        At("2030-03-08T09:05:00", AnalyticsEventTypes.Registered, 1),
        At("2030-03-08T09:05:00", AnalyticsEventTypes.LoggedIn, 1),
        At("2030-03-08T09:10:00", AnalyticsEventTypes.ChatSent, 1, e => (e.Message, e.Length) = (1, 5)),
        At("2030-03-08T09:15:00", AnalyticsEventTypes.LoggedOut, 1, e => e.SessionSeconds = 600),
        At("2030-03-08T09:30:00", AnalyticsEventTypes.Registered, 2),
        At("2030-03-08T09:30:00", AnalyticsEventTypes.LoggedIn, 2),
        At("2030-03-08T10:00:00", AnalyticsEventTypes.LoggedOut, 2, e => e.SessionSeconds = 1800),
        At("2030-03-08T14:00:00", AnalyticsEventTypes.LoggedIn, 3),
        At("2030-03-08T14:01:00", AnalyticsEventTypes.LoggedOut, 3, e => e.SessionSeconds = 60),
        At("2030-03-08T14:01:00", AnalyticsEventTypes.Moved, 3, e => (e.Distance, e.Moves) = (12.5, 7)),
        At("2030-03-08T21:00:00", AnalyticsEventTypes.LoggedIn, 1),
        At("2030-03-08T21:02:00", AnalyticsEventTypes.LoggedOut, 1, e => e.SessionSeconds = 120),

        // 9 March
        At("2030-03-09T09:00:00", AnalyticsEventTypes.LoggedIn, 2),
        At("2030-03-09T09:10:00", AnalyticsEventTypes.MonsterStruck, 2, e => (e.Monster, e.HealthPoints) = (7, 0)),
        At("2030-03-09T09:10:00", AnalyticsEventTypes.MonsterDefeated, 2, e => (e.Monster, e.Defeats) = (7, 1)),
        At("2030-03-09T09:20:00", AnalyticsEventTypes.LoggedOut, 2, e => e.SessionSeconds = 1200),
        At("2030-03-09T10:30:00", AnalyticsEventTypes.ChatSent, 4, e => (e.Message, e.Length) = (2, 3)),
        At("2030-03-09T14:00:00", AnalyticsEventTypes.GiftReceived, 4, e => e.Item = "Gift for four"),
    ];

    public static AnalyticsDaySummary March8 { get; } = new("2030-03-08", 3, 2, 4, 360, 1440, Events(registered: 2, loggedIn: 4, loggedOut: 4, moved: 1, chatSent: 1));

    public static AnalyticsDaySummary March9 { get; } = new("2030-03-09", 2, 0, 1, 1200, 1200, Events(loggedIn: 1, loggedOut: 1, giftReceived: 1, monsterStruck: 1, monsterDefeated: 1, chatSent: 1));

    public static AnalyticsDaySummary Empty(string date) => new(date, 0, 0, 0, 0, 0, Events());

    public static IReadOnlyList<AnalyticsHour> BusiestHours { get; } = [new(9, 10), new(14, 4), new(10, 2)];

    /// <summary>Writes the log straight into the server's store, as the write job would have.</summary>
    public static void WriteTo(InProcessServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.Services.GetRequiredService<IAnalyticsStore>().Append([.. Log.Select(Copy)]);
    }

    public static Dictionary<string, int> Events(
        int registered = 0, int loggedIn = 0, int loggedOut = 0, int moved = 0, int giftReceived = 0, int monsterStruck = 0, int monsterDefeated = 0, int chatSent = 0) => new()
    {
        [AnalyticsEventTypes.Registered] = registered,
        [AnalyticsEventTypes.LoggedIn] = loggedIn,
        [AnalyticsEventTypes.LoggedOut] = loggedOut,
        [AnalyticsEventTypes.Moved] = moved,
        [AnalyticsEventTypes.GiftReceived] = giftReceived,
        [AnalyticsEventTypes.MonsterStruck] = monsterStruck,
        [AnalyticsEventTypes.MonsterDefeated] = monsterDefeated,
        [AnalyticsEventTypes.ChatSent] = chatSent,
    };

    private static AnalyticsEvent At(string time, string type, int user, Action<AnalyticsEvent>? data = null)
    {
        var e = new AnalyticsEvent { Type = type, User = user, At = DateTime.SpecifyKind(DateTime.Parse(time, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc) };
        data?.Invoke(e);
        return e;
    }

    // The store gives ids to what it is handed; each server gets fresh events.
    private static AnalyticsEvent Copy(AnalyticsEvent e) => new()
    {
        Type = e.Type, User = e.User, At = e.At, SessionSeconds = e.SessionSeconds, Distance = e.Distance, Moves = e.Moves,
        Item = e.Item, Monster = e.Monster, HealthPoints = e.HealthPoints, Defeats = e.Defeats, Message = e.Message, Length = e.Length,
    };
}
