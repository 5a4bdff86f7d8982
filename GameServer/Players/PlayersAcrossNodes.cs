using GameServer.Cluster.Authority;
using GameServer.World;

namespace GameServer.Players;

/// <summary>
/// The players in cluster mode. The world's owner relays the players changed since the last patch,
/// once, on the stream <c>players</c>; every other node applies them to its copy, whose feed serves its
/// own subscribers. A node that becomes the owner (its predecessor died or stopped) reloads the players
/// from the store, the only copy written under the fence, and relays them all.
/// </summary>
public sealed class PlayersAcrossNodes(PlayerWorld world, IAuthority authority, PlayerFeed feed, WorldPatches patches, PlayersRpc methods) : IChangeRelay, IHostedService
{
    private const string Stream = "players";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The methods answer the owner's side of their operations: built now, not at the first request.
        ArgumentNullException.ThrowIfNull(methods);
        // After the world loaded (its host starts first), before the owner can answer a move.
        world.KeepRelayed();
        authority.OnChanges(Stream, PlayersClusterJson.Default.ListPlayerRecord, changes =>
        {
            world.Apply(changes);
            patches.PublishNow(feed);
        });
        authority.Follow(owner =>
        {
            if (owner)
            {
                world.Reload();
            }
        });

        // The copy loaded from the store misses what the owner has not saved yet, and one that was cut off
        // misses what was published meanwhile: the owner relays everything once.
        _ = RelayCatchUp.AskAsync(authority, PlayerOperations.RelayAll);
        authority.OnLinkRestored(() => _ = RelayCatchUp.AskAsync(authority, PlayerOperations.RelayAll));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Relay()
    {
        var changed = world.TakeRelayed();
        if (changed.Count > 0 && authority.IsHere)
        {
            authority.Publish(Stream, changed, PlayersClusterJson.Default.ListPlayerRecord);
        }
    }

}
