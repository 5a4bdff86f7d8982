using GameServer.Cluster.Authority;
using GameServer.World;

namespace GameServer.Monsters;

/// <summary>
/// The monsters in cluster mode. The world's owner ticks them, answers the strikes forwarded to it, and
/// relays the monsters changed since the last patch, once, on the stream <c>monsters</c>; every other
/// node applies them to its copy, whose feed serves its own subscribers. A node that becomes the owner
/// reloads the monsters from the store and relays them all.
/// </summary>
public sealed class MonstersAcrossNodes(MonsterWorld world, IAuthority authority, MonsterFeed feed, WorldPatches patches, MonstersRpc methods) : IChangeRelay, IHostedService
{
    private const string Stream = "monsters";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The methods answer the owner's side of their operations: built now, not at the first request.
        ArgumentNullException.ThrowIfNull(methods);
        world.KeepRelayed();
        authority.OnChanges(Stream, MonstersClusterJson.Default.MonsterChanges, changes =>
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
        _ = RelayCatchUp.AskAsync(authority, MonsterOperations.RelayAll);
        authority.OnLinkRestored(() => _ = RelayCatchUp.AskAsync(authority, MonsterOperations.RelayAll));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Relay()
    {
        var changes = world.TakeRelayed();
        if ((changes.Changed.Count > 0 || changes.Deleted.Count > 0) && authority.IsHere)
        {
            authority.Publish(Stream, changes, MonstersClusterJson.Default.MonsterChanges);
        }
    }

}
