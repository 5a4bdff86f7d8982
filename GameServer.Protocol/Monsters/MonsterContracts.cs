namespace GameServer.Protocol.Monsters;

/// <summary>A monster: its state in the monster state machine, its health and its place in the world.</summary>
/// <param name="Id">The monster's id.</param>
/// <param name="State">The state's name, one of <see cref="MonsterStates"/>.</param>
/// <param name="StateCode">The state's stored code: 10 wandering, 20 attacking, 30 looking_for_aid, 40 evading.</param>
/// <param name="StateDisplay">The state's display text, as the original's <c>get_state_display()</c>: the state's name.</param>
/// <param name="HealthPoints">An integer, at least 0; a new monster has 10.</param>
/// <param name="UserBeingAttacked">The id of the user it attacks: set by <c>attack</c>, cleared by <c>wander</c>; null for a new monster.</param>
/// <param name="PositionX">Where it is, from 0 to <c>World:Width</c>.</param>
/// <param name="PositionY">Where it is, from 0 to <c>World:Height</c>.</param>
public sealed record Monster(
    int Id,
    string State,
    int StateCode,
    string StateDisplay,
    int HealthPoints,
    int? UserBeingAttacked,
    double PositionX,
    double PositionY);

/// <summary>Parameters naming one monster by id: <c>monsters.get</c>, <c>monsters.delete</c>.</summary>
/// <param name="Id">The monster's id.</param>
public sealed record MonsterRef(int Id);

/// <summary>Parameters of <c>monsters.create</c>: every field may be left out.</summary>
/// <param name="PositionX">Where it appears; a random place inside the world when left out.</param>
/// <param name="PositionY">Where it appears; a random place inside the world when left out.</param>
/// <param name="HealthPoints">An integer, at least 0; 10 when left out.</param>
public sealed record MonsterCreate(double? PositionX = null, double? PositionY = null, int? HealthPoints = null);

/// <summary>Parameters of <c>monsters.update</c>: the fields left out keep their value; the update is a save.</summary>
/// <param name="Id">The monster's id.</param>
/// <param name="HealthPoints">A new health, if given: an integer, at least 0.</param>
/// <param name="PositionX">A new position, if given.</param>
/// <param name="PositionY">A new position, if given.</param>
public sealed record MonsterUpdate(int Id, int? HealthPoints = null, double? PositionX = null, double? PositionY = null);

/// <summary>Parameters of <c>monsters.transition</c>.</summary>
/// <param name="Id">The monster's id.</param>
/// <param name="Transition">One of <see cref="MonsterTransitions"/>.</param>
/// <param name="User">The user to attack: required for <c>attack</c>, refused for the others.</param>
public sealed record MonsterTransitionParams(int Id, string Transition, int? User = null);

/// <summary>
/// A list of monsters: the params of the <c>monsters.updated</c> notification (every monster that
/// changed since the last patch) for a subscription with whole entries, the default. A subscription
/// with <see cref="MonstersSubscribeParams.Partial"/> gets partial entries: apply those to a <see cref="MonsterView"/>.
/// </summary>
/// <param name="Monsters">The monsters, each in full.</param>
public sealed record MonsterList(IReadOnlyList<Monster> Monsters);

/// <summary>Parameters of <c>monsters.subscribe</c>; both may be left out.</summary>
/// <param name="Radius">Only monsters within this distance of the caller's own player; the whole world when left out.</param>
/// <param name="Partial">
/// When true, an entry of <c>monsters.updated</c> for a monster the subscriber already has carries
/// its <c>id</c> and only the fields that changed since the last patch; a monster new to the
/// subscriber still arrives whole. When false (the default), every entry is a whole <see cref="Monster"/>.
/// </param>
public sealed record MonstersSubscribeParams(double? Radius = null, bool Partial = false);

/// <summary>Params of the <c>monsters.left_view</c> notification: monsters that left a radius subscription's area (they are still in the world).</summary>
/// <param name="Ids">The monsters' ids.</param>
public sealed record MonstersLeftView(IReadOnlyList<int> Ids);

/// <summary>The answer to <c>monsters.subscribe</c>: every monster the caller sees, and the caller's score.</summary>
/// <param name="Monsters">The monsters, each in full.</param>
/// <param name="Defeats">How many monsters the caller's player has defeated in all, for the page to show before the next <c>monsters.defeated</c>.</param>
public sealed record MonsterSnapshot(IReadOnlyList<Monster> Monsters, int Defeats);

/// <summary>Params of <c>monsters.removed</c>: monsters that left the world (defeated or deleted).</summary>
/// <param name="Ids">The monsters' ids.</param>
public sealed record MonstersRemoved(IReadOnlyList<int> Ids);

/// <summary>Params of <c>monsters.defeated</c>, sent to every device of the player who struck the last blow.</summary>
/// <param name="Monster">The defeated monster's id; it respawns after <c>Monsters:RespawnDelay</c>.</param>
/// <param name="User">The player's user id.</param>
/// <param name="Defeats">How many monsters that player has defeated in all.</param>
public sealed record MonsterDefeated(int Monster, int User, int Defeats);
