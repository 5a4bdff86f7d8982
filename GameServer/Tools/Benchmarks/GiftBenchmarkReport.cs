using System.Globalization;

namespace GameServer.Tools.Benchmarks;

/// <summary>Prints the gift benchmark's figures as Markdown, ready for <c>docs/benchmarks.md</c>.</summary>
internal static class GiftBenchmarkReport
{
    private const double RunTargetMs = 1000;
    private const double P99TargetMs = 50;

    public static void PrintStart(GiftBenchmarkOptions options, ServerProcess server, TimeSpan startup)
    {
        BenchmarkReport.PrintMachine();
        Console.WriteLine(Invariant($"GameServer pid {server.Id} at {server.BaseAddress}: {options.Users:N0} users seeded, healthy after {startup.TotalSeconds:0.0} s"));
        var pace = options.PaceMs == 0 ? "closed loop at full speed" : $"one ping per {options.PaceMs} ms each";
        Console.WriteLine($"{options.Clients} ping clients ({pace}), {options.Warmup} s warm-up, {options.Idle} s idle baseline, {options.Runs} gift runs {options.Pause} s apart");
    }

    public static void PrintResults(GiftBenchmarkOptions options, IReadOnlyList<GiftRunResult> runs, IReadOnlyList<GiftRunRecorder> recorders, TimeSpan idleCpu)
    {
        var idle = Merge(recorders.Select(r => r.Idle));
        var during = Enumerable.Range(0, options.Runs + 1).Select(i => Merge(recorders.Select(r => r.During[i]))).ToArray();
        var allDuring = Merge(during.Skip(1));

        Console.WriteLine();
        Console.WriteLine("| run | run ms | on CPU ms | waiting for CPU ms | blocked ms | job alloc MB | gen0 GCs | server CPU s | items per inventory | pings during | p50 ms | p99 ms | max ms | load average |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var run in runs)
        {
            var h = during[run.Run];
            Console.WriteLine(Invariant(
                $"| {run.Run} | {run.ServerMs:0} | {run.JobCpuMs:0} | {run.JobWaitingMs:0} | {run.BlockedMs:0} | {run.AllocatedBytes / 1e6:0} | {run.Collections} | {run.ServerCpuSeconds:0.00} | {run.ItemsHeld} | {h.Count:N0} | {h.PercentileMs(0.50):0.00} | {h.PercentileMs(0.99):0.00} | {h.PercentileMs(1):0.0} | {run.LoadAverage} |"));
        }

        Console.WriteLine(Invariant(
            $"| idle | | | | | | | {idleCpu.TotalSeconds:0.00} in {options.Idle} s | | {idle.Count:N0} | {idle.PercentileMs(0.50):0.00} | {idle.PercentileMs(0.99):0.00} | {idle.PercentileMs(1):0.0} | {BenchmarkReport.LoadAverage()} |"));

        var medianRun = BenchmarkReport.Median(runs.Select(r => r.ServerMs));
        var slowestRun = runs.Max(r => r.ServerMs);
        var medianP99 = BenchmarkReport.Median(runs.Select(r => during[r.Run].PercentileMs(0.99)));
        var p99 = allDuring.PercentileMs(0.99);
        Console.WriteLine();
        Console.WriteLine(Invariant($"gift run: median {medianRun:0} ms, slowest {slowestRun:0} ms (target < {RunTargetMs:0} ms): {Verdict(medianRun < RunTargetMs)}"));
        Console.WriteLine(Invariant(
            $"ping during runs: p50 {allDuring.PercentileMs(0.50):0.00} ms, p99 {p99:0.00} ms (all runs' pings together; median of per-run p99 {medianP99:0.00} ms), max {allDuring.PercentileMs(1):0.0} ms (target p99 < {P99TargetMs:0} ms): {Verdict(p99 < P99TargetMs)}"));
        Console.WriteLine(Invariant($"ping idle: p50 {idle.PercentileMs(0.50):0.00} ms, p99 {idle.PercentileMs(0.99):0.00} ms, max {idle.PercentileMs(1):0.0} ms"));
    }

    private static LatencyHistogram Merge(IEnumerable<LatencyHistogram?> histograms)
    {
        var merged = new LatencyHistogram();
        foreach (var histogram in histograms.OfType<LatencyHistogram>())
        {
            merged.Add(histogram);
        }

        return merged;
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
