using System.Text.Json.Serialization.Metadata;
using GameServer.Cluster.Authority;

namespace GameServer.World;

/// <summary>
/// A kind of entity in cluster mode. The world's owner relays the entities changed since the last
/// patch, once, on the kind's stream; every other node applies them to its copy and patches its own
/// subscribers from it at once (the owner's patch rate is the cluster's). A node that becomes the owner
/// reloads the kind from the store, the only copy written under the fence, and relays it all. A kind
/// derives from this with its world's operations.
/// </summary>
/// <typeparam name="TChanges">What one relay carries.</typeparam>
public abstract class WorldAcrossNodes<TChanges>(IAuthority authority, IWorldFeed feed, WorldPatches patches, string stream, string relayAll, JsonTypeInfo<TChanges> changesJson)
    : IChangeRelay, IHostedService
    where TChanges : class
{
    private const int CatchUpAttempts = 3;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // After the world loaded (its host starts first), before the owner can answer an operation.
        KeepRelayed();
        authority.OnChanges(stream, changesJson, changes =>
        {
            Apply(changes);
            patches.PublishNow(feed);
        });
        authority.Follow(owner =>
        {
            if (owner)
            {
                Reload();
            }
        });

        // The copy loaded from the store misses what the owner has not saved yet, and one that was cut off
        // misses what was published meanwhile: the owner relays everything once.
        _ = CatchUpAsync();
        authority.OnLinkRestored(() => _ = CatchUpAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Relay()
    {
        // Drained on every node, so that the changes a copy applies do not pile up while it is not the owner.
        if (TakeRelayed() is { } changes && authority.IsHere)
        {
            authority.Publish(stream, changes, changesJson);
        }
    }

    /// <summary>From now on remembers every change for <see cref="TakeRelayed"/>.</summary>
    protected abstract void KeepRelayed();

    /// <summary>The changes since the last call; null when there are none.</summary>
    protected abstract TChanges? TakeRelayed();

    /// <summary>Applies the owner's changes to this node's copy.</summary>
    protected abstract void Apply(TChanges changes);

    /// <summary>Loads the kind from the store again, as a new owner must.</summary>
    protected abstract void Reload();

    // Asked here too when this node is the owner (its own messages were lost); a double relay is harmless.
    private async Task CatchUpAsync()
    {
        for (var attempt = 1; attempt <= CatchUpAttempts; attempt++)
        {
            try
            {
                await authority.AskAsync<int, int>(relayAll, 0, CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // No owner now (-32050), or its answer was lost while the subscriptions came back: asked
                // again; a new owner reloads and relays everything as it takes over anyway.
            }
        }
    }
}
