namespace GameServer.Monsters;

/// <summary>
/// Where attackers stand round their target: the monsters attacking one player take places evenly
/// spaced on a ring round it, in the order of their ids, so they surround the player instead of
/// stacking on one spot, and each stays within a strike's reach. The same attackers get the same
/// places every tick, and nothing random is involved. At the world's edge a place outside it is
/// clamped to the edge, so there two places can meet.
/// </summary>
public static class AttackRing
{
    /// <summary>The ring's radius when the reach allows it (world units): far enough apart to tell the attackers apart on the map.</summary>
    public const double PreferredRadius = 2;

    /// <summary>The ring's radius: <see cref="PreferredRadius"/>, or less so that the player can strike every attacker.</summary>
    public static double RadiusFor(double hitReach) => Math.Min(PreferredRadius, hitReach * 2 / 3);

    /// <summary>For every attacking monster in the world, its place on its target's ring: slot <c>Slot</c> of <c>Of</c>.</summary>
    public static Dictionary<int, (int Slot, int Of)> Places(IEnumerable<MonsterRecord> monsters)
    {
        ArgumentNullException.ThrowIfNull(monsters);
        var places = new Dictionary<int, (int Slot, int Of)>();
        var attackers = monsters.Where(m => m.State == MonsterState.Attacking && m.RespawnAt is null && m.UserBeingAttacked is not null);
        foreach (var ring in attackers.GroupBy(m => m.UserBeingAttacked))
        {
            var ids = ring.Select(m => m.Id).Order().ToList();
            for (var slot = 0; slot < ids.Count; slot++)
            {
                places[ids[slot]] = (slot, ids.Count);
            }
        }

        return places;
    }

    /// <summary>The point of slot <paramref name="slot"/> of <paramref name="of"/> on the ring of <paramref name="radius"/> round (x, y); slot 0 is due east.</summary>
    public static (double X, double Y) Spot(double x, double y, int slot, int of, double radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(of, slot);
        var angle = Math.Tau * slot / of;
        return (x + (radius * Math.Cos(angle)), y + (radius * Math.Sin(angle)));
    }
}
