using System.Collections.Frozen;
using GameServer.Realtime.JsonRpc;
using static GameServer.Monsters.MonsterState;
using static GameServer.Monsters.MonsterTransition;

namespace GameServer.Monsters;

/// <summary>
/// The monster state machine, declared once as a table of transitions that reads like the diagram in
/// docs/monsters.md (why a table of our own rather than Stateless is written there too).
/// </summary>
public static class MonsterStateMachine
{
    private static readonly MonsterCondition HealthAtMostFive = new("health_points <= 5", m => m.HealthPoints <= 5);

    /// <summary>Every transition, one row each, as django-fsm's <c>@transition</c> decorators were.</summary>
    public static IReadOnlyList<MonsterTransitionRule> Table { get; } =
    [
        new(Attack, from: [Wandering], to: Attacking) { TakesUser = true, Action = (monster, user) => monster.UserBeingAttacked = user },
        new(Wander, from: [Attacking, LookingForAid], to: Wandering) { Action = (monster, _) => monster.UserBeingAttacked = null },
        new(Evade, from: [Attacking], to: Evading),
        new(LookForAid, from: [Evading], to: LookingForAid) { Condition = HealthAtMostFive, TakenAfterSave = true },
    ];

    private static readonly FrozenDictionary<MonsterTransition, MonsterTransitionRule> ByTransition =
        Table.ToFrozenDictionary(rule => rule.Transition);

    public static MonsterTransitionRule Rule(MonsterTransition transition) => ByTransition[transition];

    /// <summary>Whether <paramref name="transition"/> may be taken now: the monster is in one of its sources and its condition holds (django-fsm's <c>can_proceed</c>).</summary>
    public static bool CanProceed(MonsterRecord monster, MonsterTransition transition)
    {
        ArgumentNullException.ThrowIfNull(monster);
        var rule = Rule(transition);
        return rule.Sources.Contains(monster.State) && rule.Condition.Holds(monster);
    }

    /// <summary>
    /// Takes the transition: the target state, then the action. Everything is checked before anything
    /// changes, so a refusal leaves the monster exactly as it was.
    /// </summary>
    /// <exception cref="RpcException">-32602 when <paramref name="user"/> is missing for <c>attack</c> or given to another transition; -32010 with <c>{state, transition}</c> from a wrong state or when the condition fails.</exception>
    public static void Apply(MonsterRecord monster, MonsterTransition transition, int? user = null)
    {
        ArgumentNullException.ThrowIfNull(monster);
        var rule = Rule(transition);
        var name = transition.Name();
        if (rule.TakesUser && user is null)
        {
            throw RpcException.InvalidParams("user", $"is required for {name}");
        }

        if (!rule.TakesUser && user is not null)
        {
            throw RpcException.InvalidParams("user", $"is not taken by {name}");
        }

        var state = monster.State.Name();
        if (!rule.Sources.Contains(monster.State))
        {
            var sources = string.Join(" or ", rule.Sources.Select(s => s.Name()));
            throw RpcException.TransitionNotAllowed(state, name, $"it goes from {sources}, not from {state}");
        }

        if (!rule.Condition.Holds(monster))
        {
            throw RpcException.TransitionNotAllowed(state, name, $"it needs {rule.Condition.Description}");
        }

        monster.State = rule.Target;
        rule.Action(monster, user);
    }

    /// <summary>
    /// The original's post-save signal: takes, in table order, each transition marked
    /// <see cref="MonsterTransitionRule.TakenAfterSave"/> that can proceed. Callers run it on every save.
    /// </summary>
    /// <returns>The transitions taken, usually none.</returns>
    public static IReadOnlyList<MonsterTransition> AfterSave(MonsterRecord monster)
    {
        ArgumentNullException.ThrowIfNull(monster);
        var taken = new List<MonsterTransition>();
        foreach (var rule in Table.Where(r => r.TakenAfterSave && CanProceed(monster, r.Transition)))
        {
            Apply(monster, rule.Transition);
            taken.Add(rule.Transition);
        }

        return taken;
    }
}
