using System.ComponentModel.DataAnnotations;
using GameServer.Configuration;

namespace GameServer.Monsters;

/// <summary>Monster settings, bound to the <c>Monsters</c> section; docs/monsters.md explains how they were tuned.</summary>
public sealed class MonstersOptions
{
    public const string Section = "Monsters";

    /// <summary>How many monsters a new database starts with, at random places; read once, on the first start.</summary>
    [Range(0, 100_000, ErrorMessage = "must be 0 to 100000")]
    public int Count { get; set; } = 10;

    /// <summary>A wandering monster attacks the nearest online player this close (world units).</summary>
    [Range(0.0, 1e6, ErrorMessage = "must be 0 to 1000000")]
    public double AggroRadius { get; set; } = 8;

    /// <summary>How far a player may be from a monster to strike it.</summary>
    [Range(0.0, 1e6, ErrorMessage = "must be 0 to 1000000")]
    public double HitReach { get; set; } = 3;

    /// <summary>Health one strike takes.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be 1 to 1000000")]
    public int HitDamage { get; set; } = 2;

    /// <summary>Strikes one player may make per second before -32029.</summary>
    [Range(1, 1000, ErrorMessage = "must be 1 to 1000")]
    public int HitsPerSecond { get; set; } = 4;

    /// <summary>Health a monster looking for aid regains each tick.</summary>
    [Range(0, 1_000_000, ErrorMessage = "must be 0 to 1000000")]
    public int HealPerTick { get; set; } = 1;

    /// <summary>How far a wandering monster roams in one tick.</summary>
    [Range(0.0, 1e6, ErrorMessage = "must be 0 to 1000000")]
    public double WanderStep { get; set; } = 0.5;

    /// <summary>How far an attacking monster closes in, or an evading one flees, in one tick.</summary>
    [Range(0.0, 1e6, ErrorMessage = "must be 0 to 1000000")]
    public double ChaseStep { get; set; } = 0.8;

    /// <summary>
    /// Seeds the randomness of the monsters' behaviour (where they wander, where they respawn) so a run
    /// can be repeated exactly, as the tests do; left out, every start differs.
    /// </summary>
    public int? RandomSeed { get; set; }

    /// <summary>How long a defeated monster stays gone before it respawns somewhere else.</summary>
    [PositiveDuration]
    public TimeSpan RespawnDelay { get; set; } = TimeSpan.FromSeconds(10);
}
