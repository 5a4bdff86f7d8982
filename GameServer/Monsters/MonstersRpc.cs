using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Protocol.Inventory;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Monsters;

/// <summary>The <c>monsters.*</c> methods: adapters over <see cref="MonsterService"/>.</summary>
public sealed class MonstersRpc(MonsterService monsters, MonsterFeed feed) : IRpcMethods
{
    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.MonstersList, RpcAccess.User, json.EmptyParams, json.IReadOnlyListMonster,
                (_, _, _) => ValueTask.FromResult(monsters.List()))
            .Add(Methods.MonstersSubscribe, RpcAccess.User, json.MonstersSubscribeParams, json.MonsterSnapshot,
                (session, p, _) => ValueTask.FromResult(feed.Subscribe(session, p.Radius, p.Partial)))
            .Add(Methods.MonstersUnsubscribe, RpcAccess.User, json.EmptyParams, json.UnsubscribeResult,
                (session, _, _) => ValueTask.FromResult(new UnsubscribeResult(feed.Unsubscribe(session))))
            .Add(Methods.MonstersHit, RpcAccess.User, json.MonsterRef, json.Monster,
                (session, p, _) => ValueTask.FromResult(monsters.Hit(session.User!.Id, p.Id)))
            .Add(Methods.MonstersGet, RpcAccess.User, json.MonsterRef, json.Monster,
                (_, p, _) => ValueTask.FromResult(monsters.Get(p.Id)))
            .Add(Methods.MonstersCreate, RpcAccess.Admin, json.MonsterCreate, json.Monster,
                (_, p, _) => ValueTask.FromResult(monsters.Create(p.PositionX, p.PositionY, p.HealthPoints)))
            .Add(Methods.MonstersUpdate, RpcAccess.Admin, json.MonsterUpdate, json.Monster,
                (_, p, _) => ValueTask.FromResult(monsters.Update(p.Id, p.HealthPoints, p.PositionX, p.PositionY)))
            .Add(Methods.MonstersTransition, RpcAccess.Admin, json.MonsterTransitionParams, json.Monster,
                (_, p, _) => ValueTask.FromResult(monsters.Transition(p.Id, MonsterNames.ParseTransition(p.Transition), p.User)))
            .Add(Methods.MonstersDelete, RpcAccess.Admin, json.MonsterRef, json.DeleteResult, (_, p, _) =>
            {
                monsters.Delete(p.Id);
                return ValueTask.FromResult(new DeleteResult(true));
            });
    }
}
