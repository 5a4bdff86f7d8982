using GameServer.Accounts;
using GameServer.Players;
using GameServer.Protocol.Monsters;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Monsters;

/// <summary>
/// The rules of monsters, in one place for the JSON-RPC handlers and, later, the tick: validation,
/// saving with the post-save rule, and the state machine's transitions. This file holds creating,
/// changing and deleting; <c>MonsterService.Transitions.cs</c> the transitions.
/// </summary>
public sealed partial class MonsterService(
    MonsterStore monsters,
    AccountStore accounts,
    IOptions<WorldOptions> world,
    ILogger<MonsterService> logger)
{
    // Saves and transitions read a monster, change it and write it back; one writer at a time keeps
    // an admin and a tick from losing each other's change, or taking a transition from a stale state.
    private readonly Lock _writes = new();

    public IReadOnlyList<Monster> List() => monsters.All().Select(ToContract).ToList();

    public Monster Get(int id) => ToContract(Find(id));

    /// <summary>A new wandering monster; a position left out is random inside the world, health left out is 10.</summary>
    public Monster Create(double? positionX = null, double? positionY = null, int? healthPoints = null)
    {
        var size = world.Value;
        var monster = MonsterRecord.AtRandom(size, Random.Shared);
        monster.PositionX = positionX is { } x ? ValidPosition("position_x", x, size.Width) : monster.PositionX;
        monster.PositionY = positionY is { } y ? ValidPosition("position_y", y, size.Height) : monster.PositionY;
        monster.HealthPoints = healthPoints is { } health ? ValidHealth(health) : monster.HealthPoints;
        lock (_writes)
        {
            Save(monster);
        }

        return ToContract(monster);
    }

    /// <summary>Changes the fields given, keeps the others, and saves: the post-save rule may take <c>look_for_aid</c>.</summary>
    public Monster Update(int id, int? healthPoints = null, double? positionX = null, double? positionY = null)
    {
        var size = world.Value;
        var health = healthPoints is { } h ? ValidHealth(h) : (int?)null;
        var x = positionX is { } px ? ValidPosition("position_x", px, size.Width) : (double?)null;
        var y = positionY is { } py ? ValidPosition("position_y", py, size.Height) : (double?)null;
        lock (_writes)
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
        lock (_writes)
        {
            if (!monsters.Delete(id))
            {
                throw RpcException.NotFound("monster", id);
            }
        }
    }

    internal static Monster ToContract(MonsterRecord monster)
    {
        // The original's get_state_display() gives a choice's label, and its labels were the names.
        var name = monster.State.Name();
        return new Monster(monster.Id, name, (int)monster.State, name, monster.HealthPoints, monster.UserBeingAttacked, monster.PositionX, monster.PositionY);
    }

    /// <summary>
    /// The one way a monster reaches the store; callers hold <see cref="_writes"/>. The original's
    /// post-save signal took <c>look_for_aid</c> right after each save (and saved again); here the
    /// after-save transitions are taken just before the one write, so nobody ever reads the state in
    /// between and a crash cannot keep it.
    /// </summary>
    private void Save(MonsterRecord monster)
    {
        var taken = MonsterStateMachine.AfterSave(monster);
        if (monster.Id == 0)
        {
            monsters.Insert(monster);
        }
        else
        {
            monsters.Update(monster);
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
