using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GameServer.CommandLine;
using GameServer.Gifts;
using GameServer.Inventory;
using GameServer.Jobs;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// <c>GameServer gift-bench-server --users N [--Section:Key=value ...]</c>: the server under the gift
/// benchmark, which <c>bench gifts</c> starts as a child process. It is the real server
/// (<see cref="Program.Build"/>) with N users seeded into its stores before it listens, and one extra
/// route, <c>POST /bench/gift-run</c>, that runs the registered <see cref="GiftJob"/> once, as the
/// scheduler would, and answers how long the run took. The route exists only in this mode.
/// </summary>
public static class GiftBenchmarkServer
{
    public const string Name = "gift-bench-server";

    public const string RunPath = "/bench/gift-run";

    public const int MaxUsers = 1_000_000;

    /// <summary>The hidden command <c>gift-bench-server</c>: <c>--users N</c>, then the server's configuration keys.</summary>
    public static Command CreateCommand()
    {
        var users = CommandLineOptions.Int("--users", 10_000, 1, MaxUsers, "users seeded before the server listens");
        var command = new Command(Name, "Internal: the server under bench gifts, with users seeded, which bench starts as a child process.");
        command.Add(users);
        command.TakingConfiguration();
        command.SetAction((parseResult, _) => RunAsync(parseResult.GetValue(users), ConfigurationArguments.Of(parseResult)));
        return command;
    }

    /// <summary>Seeds <paramref name="users"/>, then serves with <paramref name="overrides"/> until stopped.</summary>
    private static async Task<int> RunAsync(int users, string[] overrides)
    {
        await using var app = Program.Build(overrides);
        var lastUserId = BenchmarkUsers.Seed(app.Services, users);
        var job = app.Services.GetServices<IJob>().OfType<GiftJob>().Single();
        var inventories = app.Services.GetRequiredService<IInventoryStore>();
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
