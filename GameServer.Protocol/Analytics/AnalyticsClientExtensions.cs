using GameServer.Protocol.Client;

namespace GameServer.Protocol.Analytics;

/// <summary>Typed calls of the admin's <c>analytics.*</c> methods.</summary>
public static class AnalyticsClientExtensions
{
    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>Per-day figures and the busiest hours for the UTC dates <paramref name="from"/> to <paramref name="to"/> (<c>YYYY-MM-DD</c>, inclusive; the last 7 days when left out).</summary>
    public static Task<AnalyticsSummary> AnalyticsSummaryAsync(this GameClient client, string? from = null, string? to = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.AnalyticsSummary, new AnalyticsSummaryParams(from, to), Json.AnalyticsSummaryParams, Json.AnalyticsSummary, cancellationToken);

    /// <summary>The latest raw events, newest first, optionally of one type and one user; <paramref name="limit"/> 1 to 500 (50 when left out).</summary>
    public static Task<AnalyticsEventList> AnalyticsEventsAsync(this GameClient client, string? type = null, int? user = null, int? limit = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.AnalyticsEvents, new AnalyticsEventsParams(type, user, limit), Json.AnalyticsEventsParams, Json.AnalyticsEventList, cancellationToken);
}
