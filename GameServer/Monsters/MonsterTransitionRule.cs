namespace GameServer.Monsters;

/// <summary>One row of the monster state machine: a transition, the states it leaves, the state it enters, its condition and its action.</summary>
public sealed class MonsterTransitionRule(MonsterTransition transition, IReadOnlyList<MonsterState> from, MonsterState to)
{
    public MonsterTransition Transition { get; } = transition;

    /// <summary>The states it may be taken from.</summary>
    public IReadOnlyList<MonsterState> Sources { get; } = from;

    public MonsterState Target { get; } = to;

    /// <summary>What must hold besides the source state, as django-fsm's <c>conditions</c>.</summary>
    public MonsterCondition Condition { get; init; } = MonsterCondition.Always;

    /// <summary>What the transition does besides changing the state; the second argument is the user, for transitions that take one.</summary>
    public Action<MonsterRecord, int?> Action { get; init; } = (_, _) => { };

    /// <summary>Whether it takes a user (only <c>attack(user)</c>); the others refuse one.</summary>
    public bool TakesUser { get; init; }

    /// <summary>Whether every save takes it when it can proceed, as the original's post-save signal did.</summary>
    public bool TakenAfterSave { get; init; }
}

/// <summary>A condition of a transition, with the text that explains a refusal.</summary>
public sealed record MonsterCondition(string Description, Func<MonsterRecord, bool> Holds)
{
    /// <summary>No condition beyond the source state.</summary>
    public static MonsterCondition Always { get; } = new("nothing", _ => true);
}
