using System.Globalization;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>Prints the bots' figures as Markdown tables, so they paste straight into <c>docs/benchmarks.md</c>.</summary>
internal static class BotsReport
{
    private const string Header =
        "| bots | subscription | moves/s | delivered updates/s | per move | p50 ms | p90 ms | p99 ms | max ms | move RTT p99 ms | server CPU cores | bots CPU cores |\n" +
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public static void PrintStart(BotsOptions options)
    {
        Console.WriteLine(BenchmarkReport.Machine());
        Console.WriteLine($"load average at start: {BenchmarkReport.LoadAverage()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Count} bots, {options.Subscription}, {options.Rate} Hz, world {options.Width}x{options.Height}, {options.Warmup} s warm-up + {options.Seconds} s measured, {options.Runs} run(s), server {(options.SpawnServer ? "started per run" : options.Url)}"));
    }

    public static void PrintRun(int run, BotsOptions options, BotsResult r)
    {
        Console.WriteLine();
        Console.WriteLine($"run {run} (load average {BenchmarkReport.LoadAverage()})");
        Console.WriteLine(Header);
        Console.WriteLine(Row(options, r));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"moves sent {r.MovesSent:N0}, accepted {r.MovesAccepted:N0}, refused {r.MovesRefused:N0}, failed {r.MovesFailed:N0}, mispredicted {r.Mispredicted:N0}; " +
            $"arrivals {r.Arrivals:N0}, came into view {r.CameIntoView:N0}, unmatched {r.Unmatched:N0}; move RTT p50 {r.MoveP50Ms:0.00} ms"));
    }

    /// <summary>Each figure is the median of its own column over the runs, not the row of a median run.</summary>
    public static void PrintMedians(BotsOptions options, IReadOnlyList<BotsResult> results)
    {
        double Median(Func<BotsResult, double> value) => BenchmarkReport.Median(results, value);
        var median = results[0] with
        {
            MovesAccepted = (long)Median(r => r.MovesAccepted),
            Arrivals = (long)Median(r => r.Arrivals),
            P50Ms = Median(r => r.P50Ms),
            P90Ms = Median(r => r.P90Ms),
            P99Ms = Median(r => r.P99Ms),
            MaxMs = Median(r => r.MaxMs),
            MoveP99Ms = Median(r => r.MoveP99Ms),
            ServerCpuSeconds = Median(r => r.ServerCpuSeconds),
            BotsCpuSeconds = Median(r => r.BotsCpuSeconds),
        };
        Console.WriteLine();
        Console.WriteLine($"medians of {results.Count} runs ('per move' is median arrivals over median accepted moves)");
        Console.WriteLine(Header);
        Console.WriteLine(Row(options, median));
    }

    private static string Row(BotsOptions options, BotsResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Bots} | {options.Subscription} | {r.AcceptedPerSecond:N0} | {r.DeliveredPerSecond:N0} | {r.FanOut:0.0} | {r.P50Ms:0.0} | {r.P90Ms:0.0} | {r.P99Ms:0.0} | {r.MaxMs:0.0} | {r.MoveP99Ms:0.0} | {r.ServerCores:0.00} | {r.BotsCores:0.00} |");
}
