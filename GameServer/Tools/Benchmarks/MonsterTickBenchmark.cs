using System.CommandLine;
using System.Diagnostics;
using System.Reactive.Concurrency;
using GameServer.CommandLine;
using GameServer.Monsters;
using GameServer.Players;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// <c>GameServer bench monsters [--monsters 2500,5000,10000,20000] [--players 200] [--seconds 20] [--runs 3]</c>:
/// the real monster tick (behaviour, transitions, aggro through the player grid, the feed and the
/// batched saves) at 2 Hz in a server built in this process on a temporary database, with online
/// players walking about at random (so that monsters keep roaming, chasing and fleeing, and every
/// monster changes every tick). Reports the tick's median and p99 duration, the CPU the process used
/// per wall second (cores), and the cost per monster, so that growth with the monster count shows.
/// </summary>
public static class MonsterTickBenchmark
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(5);

    public const string Name = "monsters";

    /// <summary><c>bench monsters</c>: its options and its run.</summary>
    public static Command CreateCommand()
    {
        var monsters = CommandLineOptions.IntList("--monsters", [2500, 5000, 10000, 20000], 1, 1_000_000, "monster counts to measure");
        var players = CommandLineOptions.Int("--players", 200, 0, 5000, "online players walking about at random");
        var seconds = CommandLineOptions.Int("--seconds", 20, 1, 600, "seconds per run and count");
        var runs = CommandLineOptions.Int("--runs", 3, 1, 21, "runs per count, whose medians are reported");
        var subscribers = CommandLineOptions.Int("--subscribers", 0, 0, 5000, "clients subscribed to the monsters within --radius of their player, in a process of their own");
        var radius = new Option<double>("--radius") { Description = "the subscribers' radius", DefaultValueFactory = _ => 10 };
        var command = new Command(Name,
            "The real monster tick at 2 Hz in a server built in this process on a temporary database: tick p50/p99, save time, cores used, cost per monster.")
        {
            monsters, players, seconds, runs, subscribers, radius,
        };
        command.SetAction((parseResult, _) => Interruptible.RunAsync("benchmark", stop => RunAsync(
            parseResult.GetRequiredValue(monsters).Values, parseResult.GetValue(players), parseResult.GetValue(seconds), parseResult.GetValue(runs),
            new Subscribers(parseResult.GetValue(subscribers), parseResult.GetValue(radius)), stop)));
        return command;
    }

    /// <summary>Clients subscribed to the monsters within <paramref name="Radius"/>; none when <paramref name="Count"/> is 0.</summary>
    public sealed record Subscribers(int Count, double Radius);

    public static async Task RunAsync(int[] monsterCounts, int players, int seconds, int runs, Subscribers subscribers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monsterCounts);
        ArgumentNullException.ThrowIfNull(subscribers);
        var watched = subscribers.Count == 0 ? "no subscribers" : $"{subscribers.Count} subscribers at radius {subscribers.Radius}";
        Console.WriteLine($"monster tick at 2 Hz, {players} online players, {watched}, {seconds} s per run, {runs} runs; {Environment.ProcessorCount} cores");
        Console.WriteLine("monsters  run  tick p50 ms  tick p99 ms  save p50 ms  saved/save  cores used  µs/monster/tick  entries/s  out of range");
        foreach (var count in monsterCounts)
        {
            var results = new List<Measurement>();
            for (var run = 1; run <= runs; run++)
            {
                var result = await MeasureAsync(count, players, seconds, subscribers, cancellationToken);
                results.Add(result);
                Console.WriteLine($"{count,8}  {run,3}  {result.P50,11:0.00}  {result.P99,11:0.00}  {result.Save,11:0.0}  {result.Saved,10:0}  {result.Cores,10:0.000}  {result.P50 * 1000 / count,15:0.00}  {result.EntriesPerSecond,9:0}  {result.OutOfRange,12}");
            }

            var p50 = BenchmarkReport.Median(results.Select(r => r.P50));
            Console.WriteLine($"{count,8}  med  {p50,11:0.00}  {BenchmarkReport.Median(results.Select(r => r.P99)),11:0.00}  {BenchmarkReport.Median(results.Select(r => r.Save)),11:0.0}  {BenchmarkReport.Median(results.Select(r => r.Saved)),10:0}  {BenchmarkReport.Median(results.Select(r => r.Cores)),10:0.000}  {p50 * 1000 / count,15:0.00}  {BenchmarkReport.Median(results.Select(r => r.EntriesPerSecond)),9:0}  {results.Sum(r => r.OutOfRange),12}");
        }
    }

    private sealed record Measurement(double P50, double P99, double Save, double Saved, double Cores, double EntriesPerSecond, long OutOfRange);

    private static async Task<Measurement> MeasureAsync(int monsters, int players, int seconds, Subscribers subscribers, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gameserver-bench-{Guid.NewGuid():N}");
        try
        {
            await using var app = Program.Build(
            [
                "--urls", "http://127.0.0.1:0",
                .. ServerProcess.MeasuredServerSettings(Path.Combine(directory, "game.db")),
                $"--Monsters:Count={monsters}", "--Monsters:TickEnabled=false", "--Monsters:PersistEnabled=false",
                "--Gifts:Enabled=false",
            ]);
            await app.StartAsync(cancellationToken);
            var walkers = StandPlayers(app.Services, players);
            using var listeners = subscribers.Count == 0 ? null : await StartSubscribersAsync(app, subscribers, seconds, cancellationToken);
            var playerWorld = app.Services.GetRequiredService<PlayerWorld>();
            var steps = new Random(7);

            var behaviour = app.Services.GetRequiredService<MonsterBehaviour>();
            var feed = app.Services.GetRequiredService<MonsterFeed>();
            var world = app.Services.GetRequiredService<MonsterWorld>();
            var clock = app.Services.GetRequiredService<IScheduler>();
            var durations = new List<double>();
            var saves = new List<double>();
            var saved = new List<double>();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var lastSave = TimeSpan.Zero;
            using var timer = new PeriodicTimer(TickInterval);
            for (var tick = 0; tick < seconds * 2 && await timer.WaitForNextTickAsync(cancellationToken); tick++)
            {
                foreach (var user in walkers)
                {
                    playerWorld.Move(user, (steps.NextDouble() * 2) - 1, (steps.NextDouble() * 2) - 1);
                }

                var started = Stopwatch.GetTimestamp();
                behaviour.Tick(clock.Now);
                feed.Publish();
                durations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

                // The batched save runs as its own job every 5 s; timed apart, it is in the CPU figure all the same.
                if (wall.Elapsed - lastSave >= PersistInterval)
                {
                    var saving = Stopwatch.GetTimestamp();
                    saved.Add(world.Persist());
                    saves.Add(Stopwatch.GetElapsedTime(saving).TotalMilliseconds);
                    lastSave = wall.Elapsed;
                }
            }

            process.Refresh();
            var cores = (process.TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
            var received = listeners is null ? null : await MonsterSubscribers.ResultAsync(listeners, cancellationToken);
            await app.StopAsync(CancellationToken.None);
            durations.Sort();
            return new Measurement(
                durations[durations.Count / 2], durations[(int)Math.Ceiling(durations.Count * 0.99) - 1],
                saves.Count > 0 ? BenchmarkReport.Median(saves) : 0, saved.Count > 0 ? BenchmarkReport.Median(saved) : 0, cores,
                received is null ? 0 : received.Entries / (double)seconds, received?.OutOfRange ?? 0);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Seeds the subscribers' users and starts their process; they listen for the run's <paramref name="seconds"/>.</summary>
    private static async Task<Process> StartSubscribersAsync(WebApplication app, Subscribers subscribers, int seconds, CancellationToken cancellationToken)
    {
        BenchmarkUsers.Seed(app.Services, subscribers.Count);
        var address = new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/ws");
        return await MonsterSubscribers.StartAsync(address, subscribers.Count, subscribers.Radius, seconds, cancellationToken);
    }

    /// <summary>Online players at random places: stored players brought online as a login would. Returns their user ids.</summary>
    private static List<int> StandPlayers(IServiceProvider services, int count)
    {
        var store = services.GetRequiredService<IPlayerStore>();
        var world = services.GetRequiredService<PlayerWorld>();
        var size = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorldOptions>>().Value;
        var random = new Random(42);
        var users = new List<int>();
        for (var i = 1; i <= count; i++)
        {
            var userId = 1_000_000 + i;
            store.InsertMany([new PlayerRecord { User = userId, Username = $"bench{i}", PositionX = random.NextDouble() * size.Width, PositionY = random.NextDouble() * size.Height }]);
            world.SetOnline(userId, online: true);
            users.Add(userId);
        }

        return users;
    }
}
