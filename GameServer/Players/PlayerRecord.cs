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
}
