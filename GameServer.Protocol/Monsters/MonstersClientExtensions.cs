using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;

namespace GameServer.Protocol.Monsters;

/// <summary>Typed calls of the <c>monsters.*</c> methods.</summary>
public static class MonstersClientExtensions
{
    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>Every monster, ordered by id.</summary>
    public static Task<IReadOnlyList<Monster>> ListMonstersAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersList, Json.IReadOnlyListMonster, cancellationToken);

    /// <summary>One monster.</summary>
    public static Task<Monster> GetMonsterAsync(this GameClient client, int id, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersGet, new MonsterRef(id), Json.MonsterRef, Json.Monster, cancellationToken);

    /// <summary>Creates a wandering monster (admins only); what is left out is random (position) or 10 (health).</summary>
    public static Task<Monster> CreateMonsterAsync(
        this GameClient client,
        double? positionX = null,
        double? positionY = null,
        int? healthPoints = null,
        CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersCreate, new MonsterCreate(positionX, positionY, healthPoints), Json.MonsterCreate, Json.Monster, cancellationToken);

    /// <summary>Changes a monster's health or position and saves it (admins only); a save may take <c>look_for_aid</c>.</summary>
    public static Task<Monster> UpdateMonsterAsync(
        this GameClient client,
        int id,
        int? healthPoints = null,
        double? positionX = null,
        double? positionY = null,
        CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersUpdate, new MonsterUpdate(id, healthPoints, positionX, positionY), Json.MonsterUpdate, Json.Monster, cancellationToken);

    /// <summary>Takes a transition of <see cref="MonsterTransitions"/> (admins only); <paramref name="user"/> is for <c>attack</c>.</summary>
    public static Task<Monster> TransitionMonsterAsync(this GameClient client, int id, string transition, int? user = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersTransition, new MonsterTransitionParams(id, transition, user), Json.MonsterTransitionParams, Json.Monster, cancellationToken);

    /// <summary>Deletes a monster (admins only).</summary>
    public static Task<DeleteResult> DeleteMonsterAsync(this GameClient client, int id, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersDelete, new MonsterRef(id), Json.MonsterRef, Json.DeleteResult, cancellationToken);

    /// <summary>Subscribes to the whole world's <c>monsters.updated</c> (whole entries), <c>monsters.removed</c>; answers with a snapshot.</summary>
    public static Task<MonsterSnapshot> SubscribeMonstersAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersSubscribe, Json.MonsterSnapshot, cancellationToken);

    /// <summary>Subscribes with every option (radius, partial entries); answers with a snapshot.</summary>
    public static Task<MonsterSnapshot> SubscribeMonstersAsync(this GameClient client, MonstersSubscribeParams parameters, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersSubscribe, parameters, Json.MonstersSubscribeParams, Json.MonsterSnapshot, cancellationToken);

    /// <summary>
    /// Subscribes and resets <paramref name="view"/> to the snapshot on the receive loop, in order with
    /// the notifications: apply every later <c>monsters.*</c> notification to the view (<see cref="MonsterView.Apply"/>).
    /// </summary>
    public static Task<MonsterSnapshot> SubscribeMonstersAsync(this GameClient client, MonsterView view, MonstersSubscribeParams parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(view);
        return client.CallAsync(Methods.MonstersSubscribe, parameters, Json.MonstersSubscribeParams, Json.MonsterSnapshot, view.Reset, cancellationToken);
    }

    /// <summary>Stops this connection's monster notifications.</summary>
    public static Task<Players.UnsubscribeResult> UnsubscribeMonstersAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersUnsubscribe, Json.UnsubscribeResult, cancellationToken);

    /// <summary>Strikes a monster within reach; answers with the monster after the strike.</summary>
    public static Task<Monster> HitMonsterAsync(this GameClient client, int id, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.MonstersHit, new MonsterRef(id), Json.MonsterRef, Json.Monster, cancellationToken);
}
