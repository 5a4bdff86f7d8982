using GameServer.Protocol.Client;
using GameServer.Protocol.Players;

namespace GameServer.Tests.Support;

/// <summary>Walks a client's player to a point, one legal step at a time (tests raise the move rate limit).</summary>
public static class WorldWalking
{
    public static async Task<Position> WalkToAsync(this GameClient client, double x, double y)
    {
        var at = await client.MoveAsync(0, 0);
        for (var i = 0; i < 200 && (at.PositionX != x || at.PositionY != y); i++)
        {
            at = await client.MoveAsync(Math.Clamp(x - at.PositionX, -1, 1), Math.Clamp(y - at.PositionY, -1, 1));
        }

        Assert.That(at, Is.EqualTo(new Position(x, y)), "walked to the target");
        return at;
    }
}
