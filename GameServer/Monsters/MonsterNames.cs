using GameServer.Protocol.Monsters;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Monsters;

/// <summary>The wire names of states and transitions, both ways.</summary>
public static class MonsterNames
{
    private static readonly string AllTransitions = string.Join(", ", Enum.GetValues<MonsterTransition>().Select(Name));

    public static string Name(this MonsterState state) => state switch
    {
        MonsterState.Wandering => MonsterStates.Wandering,
        MonsterState.Attacking => MonsterStates.Attacking,
        MonsterState.LookingForAid => MonsterStates.LookingForAid,
        MonsterState.Evading => MonsterStates.Evading,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a monster state code"),
    };

    public static string Name(this MonsterTransition transition) => transition switch
    {
        MonsterTransition.Attack => MonsterTransitions.Attack,
        MonsterTransition.Wander => MonsterTransitions.Wander,
        MonsterTransition.Evade => MonsterTransitions.Evade,
        MonsterTransition.LookForAid => MonsterTransitions.LookForAid,
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "not a monster transition"),
    };

    /// <summary>The transition named <paramref name="name"/> exactly; any other text is -32602 on <c>transition</c>.</summary>
    public static MonsterTransition ParseTransition(string name) => name switch
    {
        MonsterTransitions.Attack => MonsterTransition.Attack,
        MonsterTransitions.Wander => MonsterTransition.Wander,
        MonsterTransitions.Evade => MonsterTransition.Evade,
        MonsterTransitions.LookForAid => MonsterTransition.LookForAid,
        _ => throw RpcException.InvalidParams("transition", $"must be one of {AllTransitions}"),
    };
}
