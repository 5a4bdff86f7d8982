using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace GameServer.Players;

/// <summary>A move the server applied: how far the user's player actually went, after the world's edge clamped the step.</summary>
/// <param name="User">The player's user id.</param>
/// <param name="Distance">World units moved; above 0 (a step against the edge that moved nothing raises no event).</param>
public readonly record struct PlayerMoved(int User, double Distance);

public sealed partial class PlayerWorld
{
    private readonly Subject<PlayerMoved> _moved = new();

    /// <summary>
    /// Every move applied, raised after the world's lock is released, on the mover's thread: for features
    /// that follow the game (the leaderboards) without Players knowing them.
    /// </summary>
    public IObservable<PlayerMoved> Moved => _moved.AsObservable();
}
