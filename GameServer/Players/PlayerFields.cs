namespace GameServer.Players;

/// <summary>The fields of a player that can change apart: what a partial entry carries besides the id.</summary>
[Flags]
internal enum PlayerFields : uint
{
    None = 0,
    PositionX = 1,
    PositionY = 2,
    Online = 4,

    /// <summary>The user and username: never change, so only a player new to the subscriber has them.</summary>
    Identity = 8,
    All = PositionX | PositionY | Online | Identity,
}
