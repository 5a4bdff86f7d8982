using GameServer.Accounts;

namespace GameServer.Players;

/// <summary>A player as stored: its last persisted position in the world.</summary>
public sealed class PlayerRecord
{
    public int Id { get; set; }

    /// <summary>The owner's user id; one player per user.</summary>
    public int User { get; set; }

    public string Username { get; set; } = "";

    public double PositionX { get; set; }

    public double PositionY { get; set; }

    /// <summary>Monsters this player has defeated.</summary>
    public int MonstersDefeated { get; set; }

    /// <summary>A new user's player, at a random whole-numbered spawn point inside the world.</summary>
    public static PlayerRecord AtSpawn(User user, WorldOptions world, Random random)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(random);
        return new PlayerRecord
        {
            User = user.Id,
            Username = user.Username,
            PositionX = Math.Round(random.NextDouble() * world.Width),
            PositionY = Math.Round(random.NextDouble() * world.Height),
        };
    }
}
