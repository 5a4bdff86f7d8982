using System.Diagnostics;
using System.Globalization;
using GameServer.Gifts;
using GameServer.Inventory;
using GameServer.Jobs;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// <c>GameServer gift-bench-server --users N [configuration overrides]</c>: the server under the gift
/// benchmark, which <c>bench gifts</c> starts as a child process. It is the real server
/// (<see cref="Program.Build"/>) with N users seeded into its stores before it listens, and one extra
/// route, <c>POST /bench/gift-run</c>, that runs the registered <see cref="GiftJob"/> once, as the
/// scheduler would, and answers how long the run took. The route exists only in this mode.
/// </summary>
public static class GiftBenchmarkServer
{
    public const string Name = "gift-bench-server";

    public const string RunPath = "/bench/gift-run";

    private const int MaxUsers = 1_000_000;

    /// <summary>Seeds, then serves until stopped; <paramref name="args"/> are those after its name.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["--users", var count, .. var overrides]
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var users) || users is < 1 or > MaxUsers)
        {
            Console.Error.WriteLine($"usage: GameServer {Name} --users 1..{MaxUsers} [configuration overrides]");
            return 2;
        }

        await using var app = Program.Build(overrides);
        var lastUserId = BenchmarkUsers.Seed(app.Services, users);
        var job = app.Services.GetServices<IJob>().OfType<GiftJob>().Single();
        var inventories = app.Services.GetRequiredService<InventoryStore>();
        app.MapPost(RunPath, async (CancellationToken cancellationToken) =>
        {
            // On the thread pool, as JobScheduler runs it; the Stopwatch brackets the run and nothing else.
            var gen0 = GC.CollectionCount(0);
            var started = Stopwatch.GetTimestamp();
            var (times, allocated) = await Task.Run(() => RunMeasuredAsync(job, cancellationToken), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var collections = GC.CollectionCount(0) - gen0;

            // How many items the last user now holds: one per run, if every batch landed.
            var held = inventories.FindByUser(lastUserId) is { } last ? inventories.ItemIdsOf(last.Id).Count : -1;
            return Results.Text(string.Create(CultureInfo.InvariantCulture,
                $"{elapsed.TotalMilliseconds:0.000} {times.OnCpu.TotalMilliseconds:0.0} {times.WaitingForCpu.TotalMilliseconds:0.0} {allocated} {collections} {held}"));
        });
        await app.RunAsync();
        return 0;
    }

    // The job's own thread times and allocations, read on its thread: the run does its work synchronously
    // today. Were it ever to await, its work could not be told from other work, and reads as -1.
    private static async Task<(ThreadTimes Times, long Allocated)> RunMeasuredAsync(IJob job, CancellationToken cancellationToken)
    {
        var times = ThreadTimes.Current();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var run = job.RunAsync(cancellationToken);
        if (!run.IsCompleted)
        {
            await run;
            var unknown = TimeSpan.FromMilliseconds(-1);
            return (new ThreadTimes(unknown, unknown), -1);
        }

        await run;
        return (ThreadTimes.Current() - times, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
