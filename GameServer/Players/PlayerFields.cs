namespace GameServer.Players;

/// <summary>The fields of a player that changed since the last patch: what a partial entry carries besides the id.</summary>
[Flags]
internal enum PlayerFields
{
    None = 0,
    PositionX = 1,
    PositionY = 2,
    Online = 4,

    /// <summary>The user and username: never change, so only a player new to the world has them changed.</summary>
    Identity = 8,
    All = PositionX | PositionY | Online | Identity,
}
