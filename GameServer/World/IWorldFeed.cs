namespace GameServer.World;

/// <summary>A feed the <see cref="WorldPatchJob"/> patches: one per kind of entity.</summary>
public interface IWorldFeed
{
    /// <summary>The feed's name in logs and metrics.</summary>
    string Name { get; }

    /// <summary>Sends one patch to every subscriber. Not re-entrant.</summary>
    PatchReport Publish();
}

/// <summary>What one patch of one feed cost and sent.</summary>
/// <param name="Changed">Entities that changed since the last patch (those that left the world included).</param>
/// <param name="Frames">Frames queued (a shared frame counts once per subscriber).</param>
/// <param name="Bytes">Bytes built: each shared frame once, each subscriber's own frame once.</param>
/// <param name="Elapsed">Time from capturing the changes to the last frame queued.</param>
public readonly record struct PatchReport(int Changed, int Frames, long Bytes, TimeSpan Elapsed);
