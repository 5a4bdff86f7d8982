namespace GameServer.Monsters;

/// <summary>A strike the server applied.</summary>
/// <param name="User">The striking player's user id.</param>
/// <param name="Monster">The monster's id.</param>
/// <param name="HealthPoints">The monster's health after the strike; 0 when it defeated the monster.</param>
public sealed record MonsterStruck(int User, int Monster, int HealthPoints);
