using System.Reactive.Concurrency;
using GameServer.Accounts;
using GameServer.Players;
using GameServer.Protocol.Monsters;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Monsters;

/// <summary>
/// The admins' and players' rules of monsters, over the in-memory <see cref="MonsterWorld"/>:
/// validation, saving with the post-save rule, the state machine's transitions and strikes. This file
/// holds creating, changing and deleting; <c>MonsterService.Transitions.cs</c> the transitions;
/// <c>MonsterService.Hit.cs</c> strikes. The tick's rules are in <see cref="MonsterBehaviour"/>.
/// </summary>
public sealed partial class MonsterService(
    MonsterWorld monsters,
    IMonsterStore store,
    IAccountStore accounts,
    PlayerWorld players,
    MonsterFeed feed,
    IScheduler clock,
    TimeProvider time,
    IOptions<WorldOptions> world,
    IOptions<MonstersOptions> options,
    ILogger<MonsterService> logger)
{
    /// <summary>The monsters in the world (defeated ones are out of it until they respawn), by id.</summary>
    public IReadOnlyList<Monster> List()
    {
        lock (monsters.Lock)
        {
            return [.. monsters.All.Where(m => m.RespawnAt is null).OrderBy(m => m.Id).Select(ToContract)];
        }
    }

    public Monster Get(int id)
    {
        lock (monsters.Lock)
        {
            return ToContract(Find(id));
        }
    }

    /// <summary>A new wandering monster; a position left out is random inside the world, health left out is 10.</summary>
    public Monster Create(double? positionX = null, double? positionY = null, int? healthPoints = null)
    {
        var size = world.Value;
        var monster = MonsterRecord.AtRandom(size, Random.Shared);
        monster.PositionX = positionX is { } x ? ValidPosition("position_x", x, size.Width) : monster.PositionX;
        monster.PositionY = positionY is { } y ? ValidPosition("position_y", y, size.Height) : monster.PositionY;
        monster.HealthPoints = healthPoints is { } health ? ValidHealth(health) : monster.HealthPoints;
        lock (monsters.Lock)
        {
            Save(monster);
            return ToContract(monster);
        }
    }

    /// <summary>Changes the fields given, keeps the others, and saves: the post-save rule may take <c>look_for_aid</c>.</summary>
    public Monster Update(int id, int? healthPoints = null, double? positionX = null, double? positionY = null)
    {
        var size = world.Value;
        var health = healthPoints is { } h ? ValidHealth(h) : (int?)null;
        var x = positionX is { } px ? ValidPosition("position_x", px, size.Width) : (double?)null;
        var y = positionY is { } py ? ValidPosition("position_y", py, size.Height) : (double?)null;
        lock (monsters.Lock)
        {
            var monster = Find(id);
            monster.HealthPoints = health ?? monster.HealthPoints;
            monster.PositionX = x ?? monster.PositionX;
            monster.PositionY = y ?? monster.PositionY;
            Save(monster);
            return ToContract(monster);
        }
    }

    public void Delete(int id)
    {
        lock (monsters.Lock)
        {
            var deleted = false;
            monsters.WriteNow(() => deleted = store.Delete(id));
            if (!deleted)
            {
                throw RpcException.NotFound("monster", id);
            }

            monsters.Remove(id);
        }
    }

    internal static Monster ToContract(MonsterRecord monster)
    {
        // The original's get_state_display() gives a choice's label, and its labels were the names.
        var name = monster.State.Name();
        return new Monster(monster.Id, name, (int)monster.State, name, monster.HealthPoints, monster.UserBeingAttacked, monster.PositionX, monster.PositionY);
    }

    /// <summary>
    /// The one way an admin's change reaches the store, written at once; callers hold the world's lock. The original's
    /// post-save signal took <c>look_for_aid</c> right after each save (and saved again); here the
    /// after-save transitions are taken just before the one write, so nobody ever reads the state in
    /// between and a crash cannot keep it.
    /// </summary>
    private void Save(MonsterRecord monster)
    {
        var taken = MonsterStateMachine.AfterSave(monster);
        if (monster.Id == 0)
        {
            monsters.WriteNow(() => store.Insert(monster));
            monsters.Add(monster);
        }
        else
        {
            var updated = false;
            monsters.WriteNow(() => updated = store.Update(monster));
            if (!updated)
            {
                throw RpcException.NotFound("monster", monster.Id);
            }

            monsters.ChangedAndSaved(monster);
        }

        foreach (var transition in taken)
        {
            LogTakenAfterSave(monster.Id, transition.Name(), monster.State.Name());
        }
    }

    private MonsterRecord Find(int id) => monsters.Find(id) ?? throw RpcException.NotFound("monster", id);

    private static int ValidHealth(int health) =>
        health >= 0 ? health : throw RpcException.InvalidParams("health_points", "must be an integer >= 0");

    private static double ValidPosition(string field, double value, double size) =>
        double.IsFinite(value) && value >= 0 && value <= size
            ? value
            : throw RpcException.InvalidParams(field, $"must be a finite number from 0 to {size}");

    [LoggerMessage(LogLevel.Debug, "Monster {MonsterId} took {Transition} after a save and is {State}")]
    private partial void LogTakenAfterSave(int monsterId, string transition, string state);
}
