using GameServer.Cluster.Authority;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.Monsters;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Monsters;

/// <summary>
/// The <c>monsters.*</c> methods: adapters over <see cref="MonsterService"/>. A strike is the world's
/// owner's to apply: here on one node, forwarded to it in cluster mode.
/// </summary>
public sealed class MonstersRpc : IRpcMethods
{
    private const string HitOperation = "monsters.hit";

    private readonly MonsterService _monsters;
    private readonly MonsterFeed _feed;
    private readonly IAuthority _authority;

    public MonstersRpc(MonsterService monsters, MonsterFeed feed, IAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        (_monsters, _feed, _authority) = (monsters, feed, authority);
        authority.Answer(HitOperation, MonstersClusterJson.Default.HitRequest, GameJsonContext.Default.Monster, hit => monsters.Hit(hit.User, hit.Monster));
    }

    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.MonstersList, RpcAccess.User, json.EmptyParams, json.IReadOnlyListMonster,
                (_, _, _) => ValueTask.FromResult(_monsters.List()))
            .Add(Methods.MonstersSubscribe, RpcAccess.User, json.MonstersSubscribeParams, json.MonsterSnapshot,
                (session, p, _) => ValueTask.FromResult(_feed.Subscribe(session, p.Radius, p.Partial)))
            .Add(Methods.MonstersUnsubscribe, RpcAccess.User, json.EmptyParams, json.UnsubscribeResult,
                (session, _, _) => ValueTask.FromResult(new UnsubscribeResult(_feed.Unsubscribe(session))))
            .Add(Methods.MonstersHit, RpcAccess.User, json.MonsterRef, json.Monster,
                (session, p, ct) => _authority.AskAsync<HitRequest, Monster>(HitOperation, new HitRequest(session.User!.Id, p.Id), ct))
            .Add(Methods.MonstersGet, RpcAccess.User, json.MonsterRef, json.Monster,
                (_, p, _) => ValueTask.FromResult(_monsters.Get(p.Id)))
            .Add(Methods.MonstersCreate, RpcAccess.Admin, json.MonsterCreate, json.Monster,
                (_, p, _) => ValueTask.FromResult(_monsters.Create(p.PositionX, p.PositionY, p.HealthPoints)))
            .Add(Methods.MonstersUpdate, RpcAccess.Admin, json.MonsterUpdate, json.Monster,
                (_, p, _) => ValueTask.FromResult(_monsters.Update(p.Id, p.HealthPoints, p.PositionX, p.PositionY)))
            .Add(Methods.MonstersTransition, RpcAccess.Admin, json.MonsterTransitionParams, json.Monster,
                (_, p, _) => ValueTask.FromResult(_monsters.Transition(p.Id, MonsterNames.ParseTransition(p.Transition), p.User)))
            .Add(Methods.MonstersDelete, RpcAccess.Admin, json.MonsterRef, json.DeleteResult, (_, p, _) =>
            {
                _monsters.Delete(p.Id);
                return ValueTask.FromResult(new DeleteResult(true));
            });
    }
}
