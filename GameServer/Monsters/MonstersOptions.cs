namespace GameServer.Monsters;

/// <summary>Monster settings, bound to the <c>Monsters</c> section (the tick's keys come with the tick; see docs/monsters.md).</summary>
public sealed class MonstersOptions
{
    public const string Section = "Monsters";

    /// <summary>How many monsters a new database starts with, at random places; read once, on the first start.</summary>
    public int Count { get; set; } = 10;
}
