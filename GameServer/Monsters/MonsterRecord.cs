using GameServer.Players;

namespace GameServer.Monsters;

/// <summary>A monster as stored; its state is kept as its code (10, 20, 30, 40), like the original's integer field.</summary>
public sealed class MonsterRecord
{
    /// <summary>The health of a new monster.</summary>
    public const int NewHealthPoints = 10;

    public int Id { get; set; }

    public MonsterState State { get; set; } = MonsterState.Wandering;

    public int HealthPoints { get; set; } = NewHealthPoints;

    /// <summary>The user id set by <c>attack</c> and cleared by <c>wander</c>.</summary>
    public int? UserBeingAttacked { get; set; }

    public double PositionX { get; set; }

    public double PositionY { get; set; }

    /// <summary>Set while the monster is defeated: when it comes back. A defeated monster is out of the world.</summary>
    public DateTime? RespawnAt { get; set; }

    /// <summary>A new monster, wandering with full health, at a random whole-numbered place inside the world (as players spawn).</summary>
    public static MonsterRecord AtRandom(WorldOptions world, Random random)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(random);
        return new MonsterRecord
        {
            PositionX = Math.Round(random.NextDouble() * world.Width),
            PositionY = Math.Round(random.NextDouble() * world.Height),
        };
    }
}
