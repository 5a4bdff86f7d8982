namespace GameServer.Protocol.Players;

/// <summary>A player in the world, as every client sees it.</summary>
/// <param name="Id">The player's id.</param>
/// <param name="User">The owner's user id.</param>
/// <param name="Username">The owner's name.</param>
/// <param name="PositionX">Horizontal position, 0 to <c>World:Width</c>.</param>
/// <param name="PositionY">Vertical position, 0 to <c>World:Height</c>.</param>
/// <param name="Online">Whether any connection of the owner is open.</param>
public sealed record PlayerInfo(int Id, int User, string Username, double PositionX, double PositionY, bool Online);

/// <summary>Parameters of <c>players.move</c>: one step of the caller's own player.</summary>
/// <param name="Dx">Horizontal step, -1 to 1.</param>
/// <param name="Dy">Vertical step, -1 to 1.</param>
public sealed record MoveParams(double Dx, double Dy);

/// <summary>A position in the world: the answer to <c>players.move</c>.</summary>
/// <param name="PositionX">Horizontal position.</param>
/// <param name="PositionY">Vertical position.</param>
public sealed record Position(double PositionX, double PositionY);

/// <summary>Parameters of <c>players.subscribe</c>.</summary>
/// <param name="Radius">Only players within this distance of the caller's own player; the whole world when left out.</param>
/// <param name="Compact">
/// When true, an entry of <c>players.updated</c> that only moves a player the subscriber already has
/// is the array <c>[id, position_x, position_y]</c>, positions rounded to <see cref="PlayerEntries.CompactPrecision"/>
/// decimals; every other entry is an object as in the default form.
/// </param>
public sealed record PlayersSubscribeParams(double? Radius = null, bool Compact = false);

/// <summary>
/// A list of players, each in full: the answer to <c>players.subscribe</c> (the snapshot) and to
/// <c>players.list</c>. The entries of <c>players.updated</c> may be partial: read them with
/// <see cref="PlayerView"/>, not as this record.
/// </summary>
/// <param name="Players">The players, each in full.</param>
public sealed record PlayerList(IReadOnlyList<PlayerInfo> Players);

/// <summary>Params of the <c>players.left_view</c> notification: players that left a radius subscription's area.</summary>
/// <param name="Ids">The players' ids.</param>
public sealed record PlayersLeftView(IReadOnlyList<int> Ids);

/// <summary>The answer to an unsubscribe.</summary>
/// <param name="Unsubscribed">False when the connection was not subscribed.</param>
public sealed record UnsubscribeResult(bool Unsubscribed);
