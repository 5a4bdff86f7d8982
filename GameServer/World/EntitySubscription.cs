using GameServer.Realtime;

namespace GameServer.World;

/// <summary>One session's subscription to one kind of entity: the whole world, or the area around its own player.</summary>
internal sealed class EntitySubscription(Session session, int userId, double? radius, EntryForm form)
{
    public Session Session { get; } = session;

    public int UserId { get; } = userId;

    /// <summary>Null for the whole world.</summary>
    public double? Radius { get; } = radius;

    public EntryForm Form { get; } = form;

    /// <summary>False until the snapshot is queued: the patches held until then follow it (see <see cref="Held"/>).</summary>
    public bool Answered { get; set; }

    /// <summary>Patches made before the snapshot was queued, sent right after it so that none overtakes it.</summary>
    public List<OutboundMessage> Held { get; } = [];

    /// <summary>For a radius subscription, the ids of the entities the subscriber sees now.</summary>
    public HashSet<int> Visible { get; set; } = [];

    /// <summary>A radius subscription's centre at this patch; null when the user has no player now.</summary>
    public (double X, double Y)? Center { get; set; }

    /// <summary>
    /// The centre <see cref="Visible"/> was computed around at the last patch, from the grid; null
    /// before the first. With nothing changed in the world since, a view around the same centre is the same.
    /// </summary>
    public (double X, double Y)? VisibleAround { get; set; }

    public void Deliver(OutboundMessage message)
    {
        if (Answered)
        {
            Session.Send(message);
        }
        else
        {
            Held.Add(message);
        }
    }
}
