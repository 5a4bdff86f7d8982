using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Leaderboards;

/// <summary>The <c>leaderboard.*</c> methods: read-only adapters over <see cref="LeaderboardService"/> and <see cref="LeaderboardFeed"/>.</summary>
public sealed class LeaderboardsRpc(LeaderboardService boards, LeaderboardFeed feed) : IRpcMethods
{
    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.LeaderboardTop, RpcAccess.User, json.LeaderboardTopParams, json.LeaderboardPage,
                (_, p, _) => boards.TopAsync(p.Board, p.Period, p.Limit, p.Offset))
            .Add(Methods.LeaderboardMe, RpcAccess.User, json.LeaderboardRef, json.LeaderboardStanding,
                (session, p, _) => boards.MeAsync(session.User!.Id, p.Board, p.Period))
            .Add(Methods.LeaderboardSubscribe, RpcAccess.User, json.LeaderboardRef, json.LeaderboardPage,
                (session, p, _) => feed.SubscribeAsync(session, p.Board, p.Period))
            .Add(Methods.LeaderboardUnsubscribe, RpcAccess.User, json.LeaderboardRef, json.UnsubscribeResult,
                (session, p, _) => ValueTask.FromResult(new UnsubscribeResult(feed.Unsubscribe(session, p.Board, p.Period))));
    }
}
