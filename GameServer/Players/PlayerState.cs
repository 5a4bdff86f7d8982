using GameServer.Protocol.Players;

namespace GameServer.Players;

/// <summary>A player's live, authoritative state; changed only under the world's lock.</summary>
internal sealed class PlayerState(PlayerRecord record)
{
    public int Id { get; } = record.Id;

    public int User { get; } = record.User;

    public string Username { get; } = record.Username;

    public double X { get; set; } = record.PositionX;

    public double Y { get; set; } = record.PositionY;

    public bool Online { get; set; }

    public int MonstersDefeated { get; set; } = record.MonstersDefeated;

    public PlayerInfo ToInfo() => new(Id, User, Username, X, Y, Online);

    public PlayerRecord ToRecord() => new() { Id = Id, User = User, Username = Username, PositionX = X, PositionY = Y, MonstersDefeated = MonstersDefeated };
}
