using GameServer.Cluster.Authority;
using GameServer.World;

namespace GameServer.Players;

/// <summary>
/// The players in cluster mode (<see cref="WorldAcrossNodes{TChanges}"/>), on the stream <c>players</c>:
/// each relay carries the changed players as stored; presence stays each node's own.
/// </summary>
internal sealed class PlayersAcrossNodes : WorldAcrossNodes<List<PlayerRecord>>
{
    private readonly PlayerWorld _world;

    public PlayersAcrossNodes(PlayerWorld world, IAuthority authority, PlayerFeed feed, WorldPatches patches, PlayersRpc methods)
        : base(authority, feed, patches, "players", PlayerOperations.RelayAll, PlayersClusterJson.Default.ListPlayerRecord)
    {
        // The methods answer the owner's side of their operations: built with this, not at the first request.
        ArgumentNullException.ThrowIfNull(methods);
        _world = world;
    }

    protected override void KeepRelayed() => _world.KeepRelayed();

    protected override List<PlayerRecord>? TakeRelayed() => _world.TakeRelayed() is { Count: > 0 } changed ? changed : null;

    protected override void Apply(List<PlayerRecord> changes) => _world.Apply(changes);

    protected override void Reload() => _world.Reload();
}
