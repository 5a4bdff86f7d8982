using GameServer.Cluster.Authority;
using GameServer.World;

namespace GameServer.Monsters;

/// <summary>
/// The monsters in cluster mode (<see cref="WorldAcrossNodes{TChanges}"/>), on the stream <c>monsters</c>:
/// each relay carries the changed monsters as stored and the ids deleted. The owner also ticks them and
/// answers the strikes forwarded to it.
/// </summary>
internal sealed class MonstersAcrossNodes : WorldAcrossNodes<MonsterChanges>
{
    private readonly MonsterWorld _world;

    public MonstersAcrossNodes(MonsterWorld world, IAuthority authority, MonsterFeed feed, WorldPatches patches, MonstersRpc methods)
        : base(authority, feed, patches, "monsters", MonsterOperations.RelayAll, MonstersClusterJson.Default.MonsterChanges)
    {
        // The methods answer the owner's side of their operations: built with this, not at the first request.
        ArgumentNullException.ThrowIfNull(methods);
        _world = world;
    }

    protected override void KeepRelayed() => _world.KeepRelayed();

    protected override MonsterChanges? TakeRelayed() =>
        _world.TakeRelayed() is { } changes && (changes.Changed.Count > 0 || changes.Deleted.Count > 0) ? changes : null;

    protected override void Apply(MonsterChanges changes) => _world.Apply(changes);

    protected override void Reload() => _world.Reload();
}
