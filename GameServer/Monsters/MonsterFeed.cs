using System.Diagnostics;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using GameServer.Protocol;
using GameServer.Protocol.Monsters;
using GameServer.Realtime;

namespace GameServer.Monsters;

/// <summary>
/// Monster notifications: once per tick, every change in one <c>monsters.updated</c> serialised once
/// for all subscribers; <c>monsters.removed</c> for monsters that left the world; and
/// <c>monsters.defeated</c> to the devices of the player who defeated one.
/// </summary>
public sealed class MonsterFeed(MonsterWorld world, SessionRegistry sessions, PatchMetrics patchMetrics)
{
    private readonly Subscribers _subscribers = new(sessions);
    private readonly Subject<MonsterDefeated> _defeats = new();
    private readonly Subject<MonsterStruck> _strikes = new();

    private static GameJsonContext Json => GameJsonContext.Default;

    public int Count => _subscribers.Count;

    /// <summary>Every defeat, as it is told to the player: for features that follow the game (the leaderboards) without Monsters knowing them.</summary>
    public IObservable<MonsterDefeated> Defeats => _defeats.AsObservable();

    /// <summary>Every strike that reached a monster, the defeating one too: for features that follow the game (analytics) without Monsters knowing them.</summary>
    public IObservable<MonsterStruck> Strikes => _strikes.AsObservable();

    /// <summary>Subscribes the session; the snapshot is every monster in the world, with the caller's defeats.</summary>
    public MonsterSnapshot Subscribe(Session session, IReadOnlyList<Monster> monsters, int defeats)
    {
        _subscribers.Add(session);
        return new MonsterSnapshot(monsters, defeats);
    }

    public bool Unsubscribe(Session session) => _subscribers.Remove(session);

    /// <summary>Sends the changes since the last call; called at the end of each tick.</summary>
    public void Publish()
    {
        var started = Stopwatch.GetTimestamp();
        List<Monster> changed;
        List<int> removed;
        lock (world.Lock)
        {
            var (changedRecords, removedIds) = world.TakeChanges();
            if (_subscribers.Count == 0)
            {
                return;
            }

            changed = [.. changedRecords.OrderBy(m => m.Id).Select(MonsterService.ToContract)];
            removed = removedIds;
        }

        long bytes = 0;
        if (changed.Count > 0)
        {
            bytes += Broadcast(Notification.Create(Methods.MonstersUpdated, new MonsterList(changed), Json.MonsterList));
        }

        if (removed.Count > 0)
        {
            bytes += Broadcast(Notification.Create(Methods.MonstersRemoved, new MonstersRemoved(removed), Json.MonstersRemoved));
        }

        patchMetrics.Record("monsters", Stopwatch.GetElapsedTime(started), bytes);
    }

    /// <summary>Tells followers that a player struck a monster.</summary>
    public void Struck(MonsterStruck strike) => _strikes.OnNext(strike);

    /// <summary>Queues <paramref name="message"/> for every subscriber; returns the bytes queued.</summary>
    private long Broadcast(OutboundMessage message) => (long)_subscribers.Broadcast(message) * message.Payload.Length;

    /// <summary>Tells every device of the player that it defeated a monster.</summary>
    public void Defeated(MonsterDefeated defeat)
    {
        ArgumentNullException.ThrowIfNull(defeat);
        sessions.SendToUser(defeat.User, Notification.Create(Methods.MonstersDefeated, defeat, Json.MonsterDefeated));
        _defeats.OnNext(defeat);
    }
}
