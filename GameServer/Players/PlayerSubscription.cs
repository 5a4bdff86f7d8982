using GameServer.Realtime;

namespace GameServer.Players;

/// <summary>One session's subscription to players: the whole world, or the area around its own player.</summary>
internal sealed class PlayerSubscription(Session session, int userId, double? radius)
{
    public Session Session { get; } = session;

    public int UserId { get; } = userId;

    /// <summary>Null for the whole world.</summary>
    public double? Radius { get; } = radius;

    /// <summary>For a radius subscription, the ids of the players the subscriber sees now.</summary>
    public HashSet<int> Visible { get; set; } = [];
}
