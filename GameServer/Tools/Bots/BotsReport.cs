using System.Globalization;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>Prints the bots' figures as Markdown tables, so they paste straight into <c>docs/bots.md</c>.</summary>
internal static class BotsReport
{
    public const string MoveToArrival = "move → arrival";

    private const string Header =
        "| bots | connected | moves/s | delivered updates/s | per move | msgs in/s | msgs out/s | server CPU cores | server CPU µs per update | bots CPU cores |\n" +
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private const string LatencyHeader =
        "| round trip | count | p50 ms | p90 ms | p99 ms | max ms |\n" +
        "|---|---:|---:|---:|---:|---:|";

    public static void PrintStart(BotsOptions options)
    {
        Console.WriteLine(BenchmarkReport.Machine());
        Console.WriteLine($"load average at start: {BenchmarkReport.LoadAverage()}");
        var split = options.Mix.Split(options.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Count} bots ({string.Join(", ", split.Select(p => $"{p.Value} {p.Key.ToString().ToLowerInvariant()}"))}), users {options.UsersPrefix}_N, " +
            $"{options.Subscription}, {options.Rate} Hz, world {options.Width}x{options.Height}, {options.RampUp} s ramp-up, " +
            $"{options.Warmup} s warm-up + {options.Seconds} s measured, {options.Runs} run(s), {options.Processes} process(es), " +
            $"server {Servers(options)}"));
    }

    public static void PrintRun(int run, BotsResult r)
    {
        Console.WriteLine();
        Console.WriteLine($"run {run} (load average {BenchmarkReport.LoadAverage()})");
        Console.WriteLine(Header);
        Console.WriteLine(Row(r));
        Console.WriteLine();
        Console.WriteLine(LatencyHeader);
        Console.WriteLine(LatencyRow(MoveToArrival, r.Arrivals));
        foreach (var (method, histogram) in r.RoundTrips.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(LatencyRow(method, histogram));
        }

        Console.WriteLine();
        var w = r.Window;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"moves sent {w.MovesSent:N0}, accepted {w.MovesAccepted:N0}, refused {w.MovesRefused:N0}, mispredicted {w.Mispredicted:N0}; " +
            $"arrivals {r.Arrivals.Count:N0}, came into view {r.CameIntoView:N0}, unmatched {r.Unmatched:N0}; users logged in {r.LoggedIn:N0}, registered {r.Registered:N0}"));
        Console.WriteLine($"errors: {Kinds(r.Errors)}");
        Console.WriteLine($"reconnects: {Kinds(r.Reconnects)}");
        if (r.OutOfPlay.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"back in play after a reconnect: {r.OutOfPlay.Count:N0}, from the loss to the first action answered p50 {r.OutOfPlay.PercentileMs(0.5):0} ms, longest {r.OutOfPlay.MaxMs:0} ms"));
        }

        if (r.Nodes.Count > 1)
        {
            PrintNodes(r);
        }
    }

    // Each node's share: the world's owner applies every move and relays each patch once; the others relay to their own subscribers.
    private static void PrintNodes(BotsResult r)
    {
        Console.WriteLine();
        Console.WriteLine("| node | id | roles | bots | arrivals at its bots | p50 ms | p99 ms | CPU cores |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var node in r.Nodes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {node.Url.Authority} | {node.Id ?? "?"} | {(node.Roles.Count == 0 ? "-" : string.Join(' ', node.Roles))} | {node.Joined}/{node.Bots} | {node.Arrivals.Count:N0} | " +
                $"{node.Arrivals.PercentileMs(0.5):0.0} | {node.Arrivals.PercentileMs(0.99):0.0} | {node.Cores(r.WindowSeconds):0.00} |"));
        }

        var others = r.Nodes.Where(n => !n.OwnsWorld).ToList();
        if (r.Nodes.Count(n => n.OwnsWorld) == 1 && others.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"the world's owner {r.Nodes.Single(n => n.OwnsWorld).Cores(r.WindowSeconds):0.00} cores, the others {others.Average(n => n.Cores(r.WindowSeconds)):0.00} on average; all nodes {r.ServerCores:0.00}"));
        }
    }

    /// <summary>Each figure is the median of its own column over the runs, not the row of a median run.</summary>
    public static void PrintMedians(IReadOnlyList<BotsResult> results)
    {
        double Median(Func<BotsResult, double> value) => BenchmarkReport.Median(results, value);
        Console.WriteLine();
        Console.WriteLine($"medians of {results.Count} runs");
        Console.WriteLine("| bots | moves/s | delivered updates/s | p50 ms | p90 ms | p99 ms | max ms | move RTT p99 ms | server CPU cores | server CPU µs per update | bots CPU cores |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {results[0].Bots} | {Median(r => r.AcceptedPerSecond):N0} | {Median(r => r.DeliveredPerSecond):N0} | {Median(r => r.Arrivals.PercentileMs(0.5)):0.0} | " +
            $"{Median(r => r.Arrivals.PercentileMs(0.9)):0.0} | {Median(r => r.Arrivals.PercentileMs(0.99)):0.0} | {Median(r => r.Arrivals.MaxMs):0.0} | " +
            $"{MoveRoundTrip(Median(r => r.RoundTrips.TryGetValue("players.move", out var h) ? h.PercentileMs(0.99) : double.NaN))} | {Median(r => r.ServerCores):0.00} | {Median(MicrosPerUpdate):0.000} | {Median(r => r.BotsCores):0.00} |"));
    }

    // Moves sent as notifications (--notify-moves) have no round trip to time.
    private static string MoveRoundTrip(double p99Ms) =>
        double.IsNaN(p99Ms) ? "-" : p99Ms.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Row(BotsResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Bots} | {r.Connected} | {r.AcceptedPerSecond:N0} | {r.DeliveredPerSecond:N0} | {r.FanOut:0.0} | {r.Window.MessagesIn / r.WindowSeconds:N0} | {r.Window.MessagesOut / r.WindowSeconds:N0} | {r.ServerCores:0.00} | {MicrosPerUpdate(r):0.000} | {r.BotsCores:0.00} |");

    // The issue's measure of a world's cost: server CPU time per player update delivered to a bot.
    private static double MicrosPerUpdate(BotsResult r) =>
        r.DeliveredPerSecond > 0 ? r.ServerCores * 1_000_000 / r.DeliveredPerSecond : double.NaN;

    private static string LatencyRow(string name, LatencyHistogram h) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {h.Count:N0} | {h.PercentileMs(0.5):0.0} | {h.PercentileMs(0.9):0.0} | {h.PercentileMs(0.99):0.0} | {h.MaxMs:0.0} |");

    private static string Servers(BotsOptions o) => (o.SpawnServer, o.Nodes) switch
    {
        (true, 1) => o.Postgres is null ? "started per run" : "started per run on PostgreSQL",
        (true, var n) => string.Create(CultureInfo.InvariantCulture, $"{n} nodes started per run (Redis {o.Redis})"),
        _ => o.Urls!.Count == 1 ? o.Urls.ToString() : string.Create(CultureInfo.InvariantCulture, $"{o.Urls.Count} nodes {o.Urls}"),
    };

    private static string Kinds(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} ×{p.Value:N0}")));
}
