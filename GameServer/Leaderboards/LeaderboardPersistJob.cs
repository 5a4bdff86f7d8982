using GameServer.Jobs;

namespace GameServer.Leaderboards;

/// <summary>
/// Writes the scores changed since the last run every <c>Leaderboards:PersistInterval</c> (5 s), in one
/// transaction, and once more when the server stops; a crash loses at most that interval's counts.
/// </summary>
public sealed class LeaderboardPersistJob(LeaderboardPersistence persistence) : IJob
{
    public string Name => "leaderboard-saves";

    public string Section => "Leaderboards";

    public string IntervalKey => "PersistInterval";

    public string EnabledKey => "PersistEnabled";

    /// <summary>In cluster mode the boards are in Redis, and one node copies what changed to the database.</summary>
    public bool OncePerCluster => true;

    public TimeSpan DefaultInterval => TimeSpan.FromSeconds(5);

    public async ValueTask RunAsync(CancellationToken cancellationToken) => await persistence.SaveAsync();
}
