namespace GameServer.Monsters;

/// <summary>The states of the monster state machine; the values are the codes stored and sent as <c>state_code</c>.</summary>
public enum MonsterState
{
    Wandering = 10,
    Attacking = 20,
    LookingForAid = 30,
    Evading = 40,
}
