using System.Text.Json;

namespace GameServer.World;

/// <summary>
/// How one kind of entity appears on the wire: the only thing an <see cref="EntityFeed{TEntity}"/>
/// needs to know of it besides where it comes from (<see cref="IEntitySource{TEntity}"/>). A field
/// mask is the kind's own: a bit per field (or group of fields) that can change on its own.
/// </summary>
/// <typeparam name="TEntity">An immutable picture of one entity, as a snapshot sends it.</typeparam>
public interface IEntityKind<in TEntity>
{
    /// <summary>The notification carrying changed entities, e.g. <c>players.updated</c>.</summary>
    string UpdatedMethod { get; }

    /// <summary>The property of its params holding the entries, e.g. <c>players</c>.</summary>
    string ListProperty { get; }

    /// <summary>The notification, params <c>{ids}</c>, telling a radius subscriber that entities left its area.</summary>
    string LeftViewMethod { get; }

    /// <summary>The notification, params <c>{ids}</c>, telling that entities left the world; null when they never do.</summary>
    string? RemovedMethod { get; }

    /// <summary>Every field: what an entry of an entity new to the subscriber carries.</summary>
    uint AllFields { get; }

    int IdOf(TEntity entity);

    (double X, double Y) PositionOf(TEntity entity);

    /// <summary>The fields that differ between two pictures of one entity; 0 when none.</summary>
    uint Differences(TEntity before, TEntity after);

    /// <summary>The entry: an object with the id and <paramref name="fields"/> (all of them: the whole entity).</summary>
    void Write(Utf8JsonWriter writer, TEntity entity, uint fields);

    /// <summary>
    /// The compact entry of a change, for subscribers that asked for it; false when this change has no
    /// compact form (the object entry is sent instead). Nothing may be written when it returns false.
    /// </summary>
    bool TryWriteCompact(Utf8JsonWriter writer, TEntity entity, uint fields);
}
