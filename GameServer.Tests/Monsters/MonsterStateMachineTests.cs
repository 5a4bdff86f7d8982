using GameServer.Monsters;
using GameServer.Protocol.JsonRpc;
using GameServer.Realtime.JsonRpc;
using static GameServer.Monsters.MonsterState;
using static GameServer.Monsters.MonsterTransition;

namespace GameServer.Tests.Monsters;

[Category("Unit")]
public sealed class MonsterStateMachineTests
{
    private const int Attacker = 7;

    // The diagram, written out again by hand: every (state, transition) pair and where it leads, or null when refused.
    private static readonly (MonsterState From, MonsterTransition Transition, MonsterState? To)[] Diagram =
    [
        (Wandering, Attack, Attacking),
        (Wandering, Wander, null),
        (Wandering, Evade, null),
        (Wandering, LookForAid, null),
        (Attacking, Attack, null),
        (Attacking, Wander, Wandering),
        (Attacking, Evade, Evading),
        (Attacking, LookForAid, null),
        (LookingForAid, Attack, null),
        (LookingForAid, Wander, Wandering),
        (LookingForAid, Evade, null),
        (LookingForAid, LookForAid, null),
        (Evading, Attack, null),
        (Evading, Wander, null),
        (Evading, Evade, null),
        (Evading, LookForAid, LookingForAid),
    ];

    private static IEnumerable<TestCaseData> AllPairs() => Diagram.Select(row =>
        new TestCaseData(row.From, row.Transition, row.To).SetArgDisplayNames(row.From.Name(), row.Transition.Name(), row.To?.Name() ?? "refused"));

    [Test]
    public void The_diagram_covers_all_16_pairs() =>
        Assert.That(Diagram.Select(r => (r.From, r.Transition)).Distinct().Count(), Is.EqualTo(Enum.GetValues<MonsterState>().Length * Enum.GetValues<MonsterTransition>().Length).And.EqualTo(16));

    [TestCaseSource(nameof(AllPairs))]
    public void Each_pair_is_allowed_or_refused_as_in_the_diagram(MonsterState from, MonsterTransition transition, MonsterState? to)
    {
        // Health 5 meets look_for_aid's condition, so only the source state decides here.
        var monster = Monster(from, healthPoints: 5);
        var user = MonsterStateMachine.Rule(transition).TakesUser ? Attacker : (int?)null;

        Assert.That(MonsterStateMachine.CanProceed(monster, transition), Is.EqualTo(to is not null));
        if (to is { } target)
        {
            MonsterStateMachine.Apply(monster, transition, user);
            Assert.That(monster.State, Is.EqualTo(target));
        }
        else
        {
            AssertRefused(monster, transition, user);
        }
    }

    [TestCase(0, true)]
    [TestCase(2, true)]
    [TestCase(5, true)]
    [TestCase(6, false)]
    [TestCase(10, false)]
    public void Look_for_aid_needs_health_at_most_5(int healthPoints, bool allowed)
    {
        var monster = Monster(Evading, healthPoints);

        Assert.That(MonsterStateMachine.CanProceed(monster, LookForAid), Is.EqualTo(allowed));
        if (allowed)
        {
            MonsterStateMachine.Apply(monster, LookForAid);
            Assert.That(monster.State, Is.EqualTo(LookingForAid));
        }
        else
        {
            AssertRefused(monster, LookForAid, user: null);
        }
    }

    [Test]
    public void Attack_remembers_the_user_and_wander_forgets_it()
    {
        var monster = Monster(Wandering, 10);

        MonsterStateMachine.Apply(monster, Attack, Attacker);
        var attacking = monster.UserBeingAttacked;
        MonsterStateMachine.Apply(monster, Evade);
        var evading = monster.UserBeingAttacked;
        monster.HealthPoints = 1;
        MonsterStateMachine.Apply(monster, LookForAid);
        var lookingForAid = monster.UserBeingAttacked;
        MonsterStateMachine.Apply(monster, Wander);

        Assert.That(new[] { attacking, evading, lookingForAid }, Is.All.EqualTo(Attacker));
        Assert.That(monster.UserBeingAttacked, Is.Null);
        Assert.That(monster.State, Is.EqualTo(Wandering));
    }

    [Test]
    public void Attack_needs_a_user_and_the_others_take_none()
    {
        var wandering = Monster(Wandering, 10);
        var attacking = Monster(Attacking, 10);

        var noUser = Assert.Throws<RpcException>(() => MonsterStateMachine.Apply(wandering, Attack));
        var extraUser = Assert.Throws<RpcException>(() => MonsterStateMachine.Apply(attacking, Evade, Attacker));

        Assert.That(new[] { noUser.Code, extraUser.Code }, Is.All.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(noUser.Details!["field"]!.GetValue<string>(), Is.EqualTo("user"));
        Assert.That((wandering.State, attacking.State), Is.EqualTo((Wandering, Attacking)));
    }

    [TestCase(Evading, 2, LookingForAid)]
    [TestCase(Evading, 5, LookingForAid)]
    [TestCase(Evading, 6, Evading)]
    [TestCase(Attacking, 2, Attacking)]
    [TestCase(Wandering, 0, Wandering)]
    [TestCase(LookingForAid, 1, LookingForAid)]
    public void After_a_save_look_for_aid_is_taken_when_it_can_proceed(MonsterState from, int healthPoints, MonsterState expected)
    {
        var monster = Monster(from, healthPoints);

        var taken = MonsterStateMachine.AfterSave(monster);

        Assert.That(monster.State, Is.EqualTo(expected));
        Assert.That(taken, Is.EqualTo(expected == from ? Array.Empty<MonsterTransition>() : new[] { LookForAid }));
    }

    [Test]
    public void States_keep_the_original_codes_and_names()
    {
        var states = Enum.GetValues<MonsterState>().Select(s => ((int)s, s.Name()));

        Assert.That(states, Is.EquivalentTo(new[] { (10, "wandering"), (20, "attacking"), (30, "looking_for_aid"), (40, "evading") }));
    }

    [Test]
    public void Transition_names_read_back_and_unknown_ones_are_invalid_params()
    {
        var all = Enum.GetValues<MonsterTransition>();

        Assert.That(all.Select(t => MonsterNames.ParseTransition(t.Name())), Is.EqualTo(all));
        var unknown = Assert.Throws<RpcException>(() => MonsterNames.ParseTransition("Attack"));
        Assert.That(unknown.Code, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(unknown.Details!["field"]!.GetValue<string>(), Is.EqualTo("transition"));
    }

    private static MonsterRecord Monster(MonsterState state, int healthPoints) => new()
    {
        Id = 1,
        State = state,
        HealthPoints = healthPoints,
        UserBeingAttacked = state is Wandering ? null : Attacker,
        PositionX = 12,
        PositionY = 34,
    };

    private static void AssertRefused(MonsterRecord monster, MonsterTransition transition, int? user)
    {
        var before = Snapshot(monster);

        var refused = Assert.Throws<RpcException>(() => MonsterStateMachine.Apply(monster, transition, user));

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.TransitionNotAllowed));
        Assert.That(refused.Details!.ToJsonString(), Is.EqualTo($$"""{"state":"{{before.State.Name()}}","transition":"{{transition.Name()}}"}"""));
        Assert.That(Snapshot(monster), Is.EqualTo(before), "a refused transition leaves the monster unchanged");
    }

    private static (int Id, MonsterState State, int HealthPoints, int? UserBeingAttacked, double PositionX, double PositionY) Snapshot(MonsterRecord m) =>
        (m.Id, m.State, m.HealthPoints, m.UserBeingAttacked, m.PositionX, m.PositionY);
}
