using GameServer.Protocol;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Analytics;

/// <summary>The admin's <c>analytics.*</c> methods: adapters over <see cref="AnalyticsService"/>.</summary>
public sealed class AnalyticsRpc(AnalyticsService analytics) : IRpcMethods
{
    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.AnalyticsSummary, RpcAccess.Admin, json.AnalyticsSummaryParams, json.AnalyticsSummary,
                (_, p, _) => ValueTask.FromResult(analytics.Summary(p.From, p.To)))
            .Add(Methods.AnalyticsEvents, RpcAccess.Admin, json.AnalyticsEventsParams, json.AnalyticsEventList,
                (_, p, _) => ValueTask.FromResult(analytics.Events(p.Type, p.User, p.Limit)));
    }
}
