using GameServer.Accounts;
using GameServer.Protocol.Analytics;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Analytics;

/// <summary>
/// What analytics answers and keeps: the latest raw events, the per-day summary (in
/// <c>AnalyticsService.Summary.cs</c>) and the roll-up of expired raw events into per-day rows.
/// </summary>
public sealed partial class AnalyticsService(
    IAnalyticsStore store,
    IAccountStore accounts,
    IOptions<AnalyticsOptions> options,
    TimeProvider time,
    ILogger<AnalyticsService> logger)
{
    public const int DefaultEventsLimit = 50;
    public const int MaxEventsLimit = 500;

    // A summary reads roll-ups then raw events; a roll-up moving a day from one to the other in between
    // would count it twice or not at all. Only summaries and the roll-up take it, never a player.
    private readonly Lock _rollUp = new();

    /// <summary>The latest raw events, newest first, with each user's name now.</summary>
    public AnalyticsEventList Events(string? type, int? user, int? limit)
    {
        if (type is not null && !AnalyticsEventTypes.All.Contains(type))
        {
            throw RpcException.InvalidParams("type", $"must be one of {string.Join(", ", AnalyticsEventTypes.All)}");
        }

        var count = limit ?? DefaultEventsLimit;
        if (count is < 1 or > MaxEventsLimit)
        {
            throw RpcException.InvalidParams("limit", $"must be 1 to {MaxEventsLimit}");
        }

        var events = store.Latest(type, user, count);
        var names = events.Select(e => e.User).Distinct().ToDictionary(id => id, id => accounts.FindUser(id)?.Username);
        return new AnalyticsEventList([.. events.Select(e => ToContract(e, names[e.User]))]);
    }

    /// <summary>Rolls up every whole day of raw events older than <c>Analytics:RawRetention</c>; returns the days rolled up.</summary>
    public int RollUpExpired(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var retention = options.Value.RawRetention;
        var cutoff = DateOnly.FromDateTime(retention < now - DateTime.MinValue ? now - retention : DateTime.MinValue);
        var rolled = 0;
        while (store.OldestEventTime() is { } oldest && DateOnly.FromDateTime(oldest) < cutoff)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var date = DateOnly.FromDateTime(oldest);
            var (from, until) = Bounds(date);
            lock (_rollUp)
            {
                var day = DayFigures.Of(date, store.Between(from, until));
                var earlier = store.Days(date, date).FirstOrDefault();
                store.RollUp(earlier is null ? day : DayFigures.Merge(earlier, day), from, until);
            }

            rolled++;
        }

        if (rolled > 0)
        {
            LogRolledUp(rolled, cutoff);
        }

        return rolled;
    }

    private static (DateTime From, DateTime Until) Bounds(DateOnly date) =>
        (date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    internal static AnalyticsEventInfo ToContract(AnalyticsEvent e, string? username) => new(
        e.Id,
        e.Type,
        e.User,
        username,
        new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)),
        new AnalyticsEventData(e.SessionSeconds, e.InWorld, e.Distance, e.Moves, e.Item, e.Monster, e.HealthPoints, e.Defeats, e.Message, e.Length));

    [LoggerMessage(LogLevel.Information, "Rolled up {Days} days of analytics events, up to {Cutoff}")]
    private partial void LogRolledUp(int days, DateOnly cutoff);
}
