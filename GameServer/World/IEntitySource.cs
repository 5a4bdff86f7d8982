namespace GameServer.World;

/// <summary>
/// The world that owns one kind of entity, as its <see cref="EntityFeed{TEntity}"/> reads it. Every
/// member but <see cref="Lock"/> and <see cref="Changes"/> is called with <see cref="Lock"/> held.
/// </summary>
/// <typeparam name="TEntity">An immutable picture of one entity.</typeparam>
public interface IEntitySource<TEntity>
    where TEntity : class
{
    /// <summary>Guards the entities and <see cref="Changes"/>.</summary>
    Lock Lock { get; }

    /// <summary>The entities changed since the last patch (and since the last save).</summary>
    ChangeSet Changes { get; }

    /// <summary>The entity as it is now; null when it is not in the world (never was, deleted, defeated).</summary>
    TEntity? Capture(int id);

    /// <summary>Every entity in the world now, ordered by id: a whole-world snapshot.</summary>
    void CaptureAll(List<TEntity> into);

    /// <summary>Every entity in the world within <paramref name="radius"/> of a point now, ordered by id.</summary>
    void CaptureNear(double x, double y, double radius, List<TEntity> into);

    /// <summary>Where a radius subscription of the user is centred (its own player); null when the user has none.</summary>
    (double X, double Y)? CenterOf(int userId);
}
