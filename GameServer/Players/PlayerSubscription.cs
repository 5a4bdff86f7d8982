using GameServer.Realtime;

namespace GameServer.Players;

/// <summary>One session's subscription to players: the whole world, or the area around its own player.</summary>
internal sealed class PlayerSubscription(Session session, int userId, double? radius, bool compact)
{
    public Session Session { get; } = session;

    public int UserId { get; } = userId;

    /// <summary>Null for the whole world.</summary>
    public double? Radius { get; } = radius;

    /// <summary>Moves arrive as <c>[id, x, y]</c> arrays (<c>players.subscribe {compact: true}</c>).</summary>
    public bool Compact { get; } = compact;

    /// <summary>False until the snapshot is queued: the patches held until then follow it (see <see cref="Held"/>).</summary>
    public bool Answered { get; set; }

    /// <summary>Patches made before the snapshot was queued, sent right after it so that none overtakes it.</summary>
    public List<OutboundMessage> Held { get; } = [];

    /// <summary>For a radius subscription, the ids of the players the subscriber sees now.</summary>
    public HashSet<int> Visible { get; set; } = [];
}
