using GameServer.Jobs;
using GameServer.Realtime;

namespace GameServer.World;

/// <summary>
/// Patches the world's feeds one at a time (a feed's <see cref="IWorldFeed.Publish"/> is not re-entrant):
/// at <see cref="WorldPatchJob"/>'s ticks, and in cluster mode as the owner's changes arrive.
/// </summary>
public sealed class WorldPatches(PatchMetrics patchMetrics)
{
    private readonly Lock _patching = new();

    /// <summary>
    /// Signalled by every change a patch would show (each kind's <see cref="ChangeSet"/>): the patch job
    /// sleeps through the intervals without one, so a world where nothing happens arms no timer.
    /// </summary>
    public JobDemand Due { get; } = new();

    /// <summary>Runs <paramref name="patch"/> with no other patch at the same time.</summary>
    public void Run(Action patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        lock (_patching)
        {
            patch();
        }
    }

    /// <summary>
    /// Patches <paramref name="feed"/> now, between the job's ticks. A node that does not own the world
    /// calls it as the owner's changes arrive: they come once per the owner's patch already, and waiting
    /// for this node's own next tick as well would add up to a patch interval on the way from a move on
    /// one node to the subscribers of another.
    /// </summary>
    public void PublishNow(IWorldFeed feed) => Run(() => Publish(feed));

    /// <summary>Patches <paramref name="feed"/>; the caller is inside <see cref="Run"/>.</summary>
    internal void Publish(IWorldFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var report = feed.Publish();
        patchMetrics.Record(feed.Name, report.Elapsed, report.Bytes);
    }
}
