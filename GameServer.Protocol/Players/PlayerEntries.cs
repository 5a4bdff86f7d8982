namespace GameServer.Protocol.Players;

/// <summary>
/// How the entries of <c>players.updated</c> are written. A player new to the subscriber arrives
/// whole (every field of <see cref="PlayerInfo"/>); one it already has arrives as <c>id</c> and only
/// the fields that changed since its last patch. A compact subscription
/// (<see cref="PlayersSubscribeParams.Compact"/>) gets an entry that only moves a player as the array
/// <c>[id, position_x, position_y]</c>.
/// </summary>
public static class PlayerEntries
{
    /// <summary>Decimals kept of a position in a compact entry: 2, a hundredth of a world unit.</summary>
    public const int CompactPrecision = 2;

    /// <summary>A position as a compact entry carries it.</summary>
    public static double Compact(double position) => Math.Round(position, CompactPrecision, MidpointRounding.AwayFromZero);
}
