using GameServer.Tools.Benchmarks;
using GameServer.Gifts;
using GameServer.Jobs;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Gifts;

/// <summary>
/// Regression: the gift job read the users through a query left open across its batches' transactions,
/// and LiteDB does not checkpoint while one is open, so with no other writer its log file grew by every
/// run's pages, without bound.
/// </summary>
[Category("Integration")]
[CancelAfter(120_000)]
public sealed class GiftRunLogTests
{
    // Whole batches: the query then stayed open through the last commit too (a partial last batch would
    // have run it to its end first, and that commit could checkpoint).
    private const int Users = 2 * GiftJob.BatchSize;

    // LiteDB checkpoints once its log passes 1,000 pages of 8 KiB; these runs and the seeding write about
    // 2,500 pages, which the log held in full before the fix.
    private const int Runs = 8;
    private const long LogBound = 12_000_000;

    [Test]
    public async Task Gift_runs_leave_the_log_free_to_checkpoint()
    {
        // The gift job's own writes only: the leaderboards' saves of the gifts counted and the analytics'
        // writes of the gift_received events would add pages of their own on the real clock, and move the
        // log's largest size with the machine's speed.
        await using var server = await InProcessServer.StartAsync(InProcessServer.OnLiteDb, "--Leaderboards:PersistEnabled=false", "--Analytics:WriteEnabled=false");
        BenchmarkUsers.Seed(server.Services, Users);
        var job = server.Services.GetServices<IJob>().OfType<GiftJob>().Single();
        var log = LogFile(server.Services.GetRequiredService<GameDatabase>());

        var largest = 0L;
        for (var run = 0; run < Runs; run++)
        {
            await job.RunAsync(CancellationToken.None);
            largest = Math.Max(largest, new FileInfo(log).Length);
        }

        Assert.That(largest, Is.LessThan(LogBound), "the log is checkpointed between runs, not left to grow");
    }

    // LiteDB keeps its write-ahead log next to the data file: game.db, game-log.db.
    private static string LogFile(GameDatabase database) =>
        Path.Combine(Path.GetDirectoryName(database.FilePath)!, Path.GetFileNameWithoutExtension(database.FilePath) + "-log" + Path.GetExtension(database.FilePath));
}
