using System.Text.Json.Serialization;

namespace GameServer.Protocol.Analytics;

/// <summary>Parameters of <c>analytics.summary</c>: an inclusive range of UTC dates, <c>YYYY-MM-DD</c>.</summary>
/// <param name="From">The first day; 6 days before <paramref name="To"/> when left out.</param>
/// <param name="To">The last day; today (UTC) when left out. At most 366 days from <paramref name="From"/>, counting both.</param>
public sealed record AnalyticsSummaryParams(string? From = null, string? To = null);

/// <summary>The answer to <c>analytics.summary</c>.</summary>
/// <param name="From">The first day of the range, <c>YYYY-MM-DD</c>.</param>
/// <param name="To">The last day of the range, <c>YYYY-MM-DD</c>.</param>
/// <param name="Days">One entry per day of the range, oldest first; zeros on days without events.</param>
/// <param name="BusiestHours">The (up to) 3 hours of day (UTC) with the most events over the range, most first; ties go to the earlier hour. Hours without events are left out.</param>
public sealed record AnalyticsSummary(string From, string To, IReadOnlyList<AnalyticsDaySummary> Days, IReadOnlyList<AnalyticsHour> BusiestHours);

/// <summary>One day of <c>analytics.summary</c>.</summary>
/// <param name="Date">The day, <c>YYYY-MM-DD</c> (UTC).</param>
/// <param name="ActiveUsers">Distinct users with any event that day.</param>
/// <param name="NewUsers">Users who registered that day.</param>
/// <param name="Sessions">Sessions that logged in that day.</param>
/// <param name="SessionSecondsMedian">The median length of the sessions that ended that day, in seconds; 0 when none ended.</param>
/// <param name="SessionSecondsP90">The 90th percentile of those lengths (linear between ranks), in seconds; 0 when none ended.</param>
/// <param name="Events">Events per type, every type of <see cref="AnalyticsEventTypes"/> present (0 when none).</param>
public sealed record AnalyticsDaySummary(
    string Date,
    int ActiveUsers,
    int NewUsers,
    int Sessions,
    double SessionSecondsMedian,
    double SessionSecondsP90,
    IReadOnlyDictionary<string, int> Events);

/// <summary>An hour of day and its events over the range.</summary>
/// <param name="Hour">0-23, UTC.</param>
/// <param name="Events">Events recorded in that hour of any day of the range.</param>
public sealed record AnalyticsHour(int Hour, int Events);

/// <summary>Parameters of <c>analytics.events</c>: the latest raw events, newest first, for following a player's story.</summary>
/// <param name="Type">Only events of this type (one of <see cref="AnalyticsEventTypes"/>); every type when left out.</param>
/// <param name="User">Only events of this user id; every user when left out.</param>
/// <param name="Limit">Most events to return: 1 to 500, 50 when left out.</param>
public sealed record AnalyticsEventsParams(string? Type = null, int? User = null, int? Limit = null);

/// <summary>The answer to <c>analytics.events</c>.</summary>
/// <param name="Events">The events, newest first. Raw events older than the server's retention are rolled up and no longer listed.</param>
public sealed record AnalyticsEventList(IReadOnlyList<AnalyticsEventInfo> Events);

/// <summary>One recorded event.</summary>
/// <param name="Id">Grows with every event written.</param>
/// <param name="Type">One of <see cref="AnalyticsEventTypes"/>.</param>
/// <param name="User">The user's id.</param>
/// <param name="Username">The user's name now; null when the user no longer exists.</param>
/// <param name="Time">When it happened (UTC, whole milliseconds).</param>
/// <param name="Data">The event's own fields; those it does not have are left out.</param>
public sealed record AnalyticsEventInfo(int Id, string Type, int User, string? Username, DateTimeOffset Time, AnalyticsEventData Data);

/// <summary>The fields of an event; each type has some of them, the rest are left out of the JSON.</summary>
/// <param name="SessionSeconds"><c>logged_out</c>: the session's length, login to logout or close.</param>
/// <param name="InWorld"><c>logged_in</c>: whether the session plays (false for a tool such as the dashboard).</param>
/// <param name="Distance"><c>moved</c>: world units moved in the session, as the server applied the moves.</param>
/// <param name="Moves"><c>moved</c>: how many moves made that distance.</param>
/// <param name="Item"><c>gift_received</c>: the gift's name.</param>
/// <param name="Monster"><c>monster_struck</c>, <c>monster_defeated</c>: the monster's id.</param>
/// <param name="HealthPoints"><c>monster_struck</c>: the monster's health after the strike.</param>
/// <param name="Defeats"><c>monster_defeated</c>: the user's defeats so far, this one included.</param>
/// <param name="Message"><c>chat_sent</c>: the message's id.</param>
/// <param name="Length"><c>chat_sent</c>: the message's length in characters (the text itself is not recorded).</param>
public sealed record AnalyticsEventData(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? SessionSeconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? InWorld = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Distance = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Moves = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Item = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Monster = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? HealthPoints = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Defeats = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Message = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Length = null);
