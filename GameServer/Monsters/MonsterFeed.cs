using System.Reactive.Linq;
using System.Reactive.Subjects;
using GameServer.Cluster;
using GameServer.Players;
using GameServer.Protocol;
using GameServer.Protocol.Monsters;
using GameServer.Realtime;
using GameServer.World;
using Microsoft.Extensions.Options;

namespace GameServer.Monsters;

/// <summary>
/// Monster notifications: the world's <see cref="EntityFeed{TEntity}"/> over <see cref="MonsterWorld"/>
/// (<c>monsters.updated</c>, <c>monsters.removed</c> and, for a radius subscriber, <c>monsters.left_view</c>,
/// once per <c>World:PatchInterval</c>), and <c>monsters.defeated</c> to the devices of the player who
/// defeated one.
/// </summary>
public sealed class MonsterFeed(MonsterWorld world, PlayerWorld players, SessionRegistry sessions, SessionBus bus, IOptions<WorldOptions> options) : IWorldFeed
{
    private readonly EntityFeed<Monster> _feed = new(
        "monsters", new MonsterEntryKind(), world, sessions, options.Value.EffectiveMaxRadius, options.Value.GridCellSize);

    private readonly Subject<MonsterDefeated> _defeats = new();
    private readonly Subject<MonsterStruck> _strikes = new();

    private static GameJsonContext Json => GameJsonContext.Default;

    public string Name => _feed.Name;

    public int Count => _feed.Count;

    /// <summary>Every defeat, as it is told to the player: for features that follow the game (the leaderboards) without Monsters knowing them.</summary>
    public IObservable<MonsterDefeated> Defeats => _defeats.AsObservable();

    /// <summary>Every strike that reached a monster, the defeating one too: for features that follow the game (analytics) without Monsters knowing them.</summary>
    public IObservable<MonsterStruck> Strikes => _strikes.AsObservable();

    /// <summary>
    /// Subscribes the session; the snapshot is every monster in the world, or with a radius those near
    /// the caller's player, with the caller's defeats. Entries are whole unless <paramref name="partial"/>.
    /// </summary>
    public MonsterSnapshot Subscribe(Session session, double? radius, bool partial)
    {
        ArgumentNullException.ThrowIfNull(session);
        var monsters = _feed.Subscribe(session, radius, partial ? EntryForm.Partial : EntryForm.Whole);
        return new MonsterSnapshot(monsters, players.DefeatsOf(session.User!.Id));
    }

    public bool Unsubscribe(Session session) => _feed.Unsubscribe(session);

    /// <summary>Sends the changes since the last patch; called by <see cref="WorldPatchJob"/>. Not re-entrant.</summary>
    public PatchReport Publish() => _feed.Publish();

    /// <summary>Tells followers that a player struck a monster.</summary>
    public void Struck(MonsterStruck strike) => _strikes.OnNext(strike);

    /// <summary>Tells every device of the player, on every node, that it defeated a monster.</summary>
    public void Defeated(MonsterDefeated defeat)
    {
        ArgumentNullException.ThrowIfNull(defeat);
        bus.SendToUser(defeat.User, Notification.Create(Methods.MonstersDefeated, defeat, Json.MonsterDefeated));
        _defeats.OnNext(defeat);
    }
}
