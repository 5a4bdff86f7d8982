namespace GameServer.Protocol.Monsters;

/// <summary>The names of the monster states, as in <see cref="Monster.State"/> and the data of -32010.</summary>
public static class MonsterStates
{
    /// <summary>Code 10: roaming, attacking nobody; every new monster starts here.</summary>
    public const string Wandering = "wandering";

    /// <summary>Code 20: attacking <see cref="Monster.UserBeingAttacked"/>.</summary>
    public const string Attacking = "attacking";

    /// <summary>Code 30: hurt (health at most 5) and looking for help.</summary>
    public const string LookingForAid = "looking_for_aid";

    /// <summary>Code 40: backing away from a fight.</summary>
    public const string Evading = "evading";
}

/// <summary>The names of the monster transitions, as in <see cref="MonsterTransitionParams.Transition"/>.</summary>
public static class MonsterTransitions
{
    /// <summary>wandering → attacking; takes the user to attack.</summary>
    public const string Attack = "attack";

    /// <summary>attacking or looking_for_aid → wandering; forgets the user.</summary>
    public const string Wander = "wander";

    /// <summary>attacking → evading.</summary>
    public const string Evade = "evade";

    /// <summary>evading → looking_for_aid, only while health is at most 5; taken by itself after every save when it can.</summary>
    public const string LookForAid = "look_for_aid";
}
