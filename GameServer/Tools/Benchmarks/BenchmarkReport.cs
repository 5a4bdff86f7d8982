using System.Globalization;
using System.Runtime.InteropServices;

namespace GameServer.Tools.Benchmarks;

/// <summary>Prints the benchmark's tables as Markdown, so they paste straight into <c>docs/benchmarks.md</c>.</summary>
internal static class BenchmarkReport
{
    private const string Header =
        "| connections | target | msgs/s | p50 ms | p99 ms | server CPU s | server CPU µs/msg | client CPU s |\n" +
        "|---:|---|---:|---:|---:|---:|---:|---:|";

    public static void PrintMachine(BenchmarkOptions options, ServerProcess game, ServerProcess echo)
    {
        PrintMachine();
        Console.WriteLine($"GameServer pid {game.Id} at {game.BaseAddress}, echo pid {echo.Id} at {echo.BaseAddress}");
        Console.WriteLine($"connections {string.Join(',', options.Connections)}, {options.Warmup} s warm-up + {options.Seconds} s measured, {options.Runs} runs");
    }

    public static void PrintRun(int run, IReadOnlyList<Measurement> measurements)
    {
        Console.WriteLine();
        Console.WriteLine($"run {run} (load average {LoadAverage()})");
        Console.WriteLine(Header);
        foreach (var m in measurements)
        {
            Console.WriteLine(Row(m.Connections, m.Target, m.Result));
        }
    }

    /// <summary>Each figure is the median of its own column over the runs, not the row of a median run.</summary>
    public static void PrintMedians(BenchmarkOptions options, IReadOnlyList<Measurement> measurements)
    {
        Console.WriteLine();
        Console.WriteLine($"medians of {options.Runs} runs");
        Console.WriteLine(Header);
        var ratios = new List<string>();
        foreach (var group in measurements.GroupBy(m => (m.Connections, m.Target)))
        {
            var results = group.Select(m => m.Result).ToList();
            var median = new LoadResult(
                Messages: (long)Median(results, r => r.Messages),
                WindowSeconds: options.Seconds,
                P50Ms: Median(results, r => r.P50Ms),
                P99Ms: Median(results, r => r.P99Ms),
                ServerCpuSeconds: Median(results, r => r.ServerCpuSeconds),
                ClientCpuSeconds: Median(results, r => r.ClientCpuSeconds));
            Console.WriteLine(Row(group.Key.Connections, group.Key.Target, median));
        }

        foreach (var connections in options.Connections)
        {
            var game = Median(measurements.Where(m => m.Connections == connections && m.Target == PingBenchmark.GameServerName).Select(m => m.Result).ToList(), r => r.MessagesPerSecond);
            var echo = Median(measurements.Where(m => m.Connections == connections && m.Target == EchoServer.Name).Select(m => m.Result).ToList(), r => r.MessagesPerSecond);
            ratios.Add(string.Create(CultureInfo.InvariantCulture, $"{connections} connections: GameServer/echo = {game / echo * 100:0}%"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Join(Environment.NewLine, ratios));
    }

    /// <summary>The machine line and the load average, which every benchmark prints first.</summary>
    public static void PrintMachine()
    {
        Console.WriteLine(Machine());
        Console.WriteLine($"load average at start: {LoadAverage()}");
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine shows here.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Row(int connections, string target, LoadResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {connections} | {target} | {r.MessagesPerSecond:N0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.ServerCpuSeconds:0.00} | {r.ServerCpuMicrosPerMessage:0.0} | {r.ClientCpuSeconds:0.00} |");


    /// <summary>Cores, CPU model, runtime and OS, in one line.</summary>
    internal static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        return $"machine: {Environment.ProcessorCount} cores, {cpu ?? "unknown CPU"}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}";
    }

    /// <summary>The median of <paramref name="results"/>' <paramref name="value"/>s.</summary>
    internal static double Median<T>(IReadOnlyCollection<T> results, Func<T, double> value) => Median(results.Select(value));
}
