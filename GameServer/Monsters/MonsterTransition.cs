namespace GameServer.Monsters;

/// <summary>The transitions of the monster state machine; <see cref="MonsterStateMachine"/> says where each may go.</summary>
public enum MonsterTransition
{
    Attack,
    Wander,
    Evade,
    LookForAid,
}
