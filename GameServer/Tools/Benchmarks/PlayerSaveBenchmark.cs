using System.CommandLine;
using System.Diagnostics;
using GameServer.CommandLine;
using GameServer.Players;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// <c>GameServer bench saves [--players 1000] [--seconds 20] [--runs 3] [--postgres CONNECTION]</c>: the
/// write-behind save of player positions as the <c>player-positions</c> job runs it, once a second,
/// while every player moves at 10 Hz, in a server built in this process (on a temporary LiteDB file,
/// or on an empty PostgreSQL database). Reports each save's wall time and the CPU time of the thread
/// that ran it, so the saves' share of a core is their CPU time over the run's wall time.
/// </summary>
internal static class PlayerSaveBenchmark
{
    public const string Name = "saves";
    private static readonly TimeSpan MoveInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);

    public static Command CreateCommand()
    {
        var players = CommandLineOptions.Int("--players", 1000, 1, 100_000, "online players, every one moving at 10 Hz");
        var seconds = CommandLineOptions.Int("--seconds", 20, 2, 600, "seconds per run");
        var runs = CommandLineOptions.Int("--runs", 3, 1, 21, "runs, whose medians are reported");
        var postgres = new Option<string?>("--postgres") { Description = "an empty PostgreSQL database (Npgsql connection string) instead of a temporary LiteDB file" };
        var command = new Command(Name, "Player positions saved once a second while every player moves at 10 Hz: save time, its CPU time, its share of a core.")
        {
            players, seconds, runs, postgres,
        };
        command.SetAction((parseResult, _) => Interruptible.RunAsync("benchmark", stop => RunAsync(
            parseResult.GetValue(players), parseResult.GetValue(seconds), parseResult.GetValue(runs), parseResult.GetValue(postgres), stop)));
        return command;
    }

    private static async Task RunAsync(int players, int seconds, int runs, string? postgres, CancellationToken cancellationToken)
    {
        Console.WriteLine($"player positions saved every second, {players} players moving at 10 Hz, {seconds} s per run, {runs} runs, on {(postgres is null ? "LiteDB" : "PostgreSQL")}; {Environment.ProcessorCount} cores");
        Console.WriteLine("run  saves  saved/save  save p50 ms  save p99 ms  save CPU p50 ms  share of a core");
        var results = new List<(double P50, double P99, double CpuP50, double Share, double Saved)>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await MeasureAsync(players, seconds, run, postgres, cancellationToken);
            results.Add(result);
            Console.WriteLine($"{run,3}  {seconds,5}  {result.Saved,10:0}  {result.P50,11:0.0}  {result.P99,11:0.0}  {result.CpuP50,15:0.0}  {result.Share,15:0.0%}");
        }

        Console.WriteLine($"med  {seconds,5}  {BenchmarkReport.Median(results.Select(r => r.Saved)),10:0}  {BenchmarkReport.Median(results.Select(r => r.P50)),11:0.0}  {BenchmarkReport.Median(results.Select(r => r.P99)),11:0.0}  {BenchmarkReport.Median(results.Select(r => r.CpuP50)),15:0.0}  {BenchmarkReport.Median(results.Select(r => r.Share)),15:0.0%}");
    }

    private static async Task<(double P50, double P99, double CpuP50, double Share, double Saved)> MeasureAsync(
        int players, int seconds, int run, string? postgres, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gameserver-bench-{Guid.NewGuid():N}");
        try
        {
            await using var app = Program.Build(
            [
                "--urls", "http://127.0.0.1:0",
                .. ServerProcess.MeasuredServerSettings(Path.Combine(directory, "game.db")),
                .. postgres is null ? Array.Empty<string>() : ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={postgres}"],
                "--Monsters:Count=0", "--Gifts:Enabled=false", "--Realtime:PersistEnabled=false",
            ]);
            await app.StartAsync(cancellationToken);
            var world = app.Services.GetRequiredService<PlayerWorld>();
            var users = StandPlayers(app.Services, players, firstUser: 1_000_000 * run);
            var steps = new Random(7);
            var walls = new List<double>();
            var cpus = new List<double>();
            var saved = new List<double>();
            var wall = Stopwatch.StartNew();
            var nextSave = SaveInterval;
            using var timer = new PeriodicTimer(MoveInterval);
            while (wall.Elapsed < TimeSpan.FromSeconds(seconds) && await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var user in users)
                {
                    world.Move(user, (steps.NextDouble() * 2) - 1, (steps.NextDouble() * 2) - 1);
                }

                if (wall.Elapsed >= nextSave)
                {
                    // On this thread, synchronously, as the job runs it: its CPU time is the save's.
                    var cpuBefore = ThreadTimes.Current();
                    var started = Stopwatch.GetTimestamp();
                    saved.Add(world.Persist());
                    walls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    cpus.Add((ThreadTimes.Current() - cpuBefore).OnCpu.TotalMilliseconds);
                    nextSave += SaveInterval;
                }
            }

            var share = cpus.Sum() / wall.Elapsed.TotalMilliseconds;
            await app.StopAsync(CancellationToken.None);
            walls.Sort();
            return (walls[walls.Count / 2], walls[(int)Math.Ceiling(walls.Count * 0.99) - 1], BenchmarkReport.Median(cpus), share, BenchmarkReport.Median(saved));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>
    /// Online players at random places, stored as registration stores them. Each run has users of its
    /// own, since on PostgreSQL the runs share one database.
    /// </summary>
    private static List<int> StandPlayers(IServiceProvider services, int count, int firstUser)
    {
        var store = services.GetRequiredService<IPlayerStore>();
        var world = services.GetRequiredService<PlayerWorld>();
        var random = new Random(42);
        var records = Enumerable.Range(1, count).Select(i => new PlayerRecord
        {
            User = firstUser + i,
            Username = $"saver{firstUser + i}",
            PositionX = random.NextDouble() * 100,
            PositionY = random.NextDouble() * 100,
        }).ToList();
        store.InsertMany(records);
        foreach (var record in records)
        {
            world.SetOnline(record.User, online: true);
        }

        return [.. records.Select(r => r.User)];
    }
}
