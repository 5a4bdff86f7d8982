using System.CommandLine;
using GameServer.CommandLine;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GameServer.Tools.Benchmarks.Micro;

/// <summary>
/// <c>GameServer bench micro [--filter PATTERN...] [--job short|default]</c>: BenchmarkDotNet
/// micro-benchmarks of the hot paths (a request dispatched, a player patch for N subscribers, a
/// notification serialised), run inside this process from the built executable, so nothing is
/// generated or compiled. Tokens it does not know go to BenchmarkDotNet (for example <c>--list flat</c>).
/// Build in Release: BenchmarkDotNet refuses an unoptimised assembly.
/// </summary>
public static class MicroBenchmarks
{
    public const string Name = "micro";

    /// <summary>The benchmark classes, in the order they run.</summary>
    internal static readonly Type[] Types = [typeof(DispatchBenchmarks), typeof(PatchBenchmarks), typeof(NotificationBenchmarks), typeof(LeaderboardBenchmarks)];

    /// <summary>Where BenchmarkDotNet writes its reports and logs: outside the repository.</summary>
    internal static string ArtifactsPath => Path.Combine(Path.GetTempPath(), "gameserver-micro-benchmarks");

    public static Command Create()
    {
        var filter = new Option<string[]>("--filter")
        {
            Description = "glob patterns over Class.Method names, e.g. *Patch* or *DispatchBenchmarks.Ping (every benchmark when left out)",
            AllowMultipleArgumentsPerToken = true,
        };
        var job = CommandLineOptions.OneOf(
            "--job", "short", ["short", "default"],
            "short: 3 warm-up and 3 measured iterations, for a quick look; default: BenchmarkDotNet's own until the error is small");

        var command = new Command(Name, "In-process BenchmarkDotNet micro-benchmarks of the hot paths (dispatch, player patches, notifications)")
        {
            filter,
            job,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Run(parse.GetValue(filter) is { Length: > 0 } patterns ? patterns : ["*"], parse.GetValue(job)!, parse.UnmatchedTokens));
        return command;
    }

    private static int Run(string[] filters, string jobName, IReadOnlyList<string> passedOn)
    {
        var job = (jobName == "default" ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .WithArtifactsPath(ArtifactsPath);
        var summaries = BenchmarkSwitcher.FromTypes(Types).Run(["--filter", .. filters, .. passedOn], config);
        Console.WriteLine($"BenchmarkDotNet's reports and logs: {ArtifactsPath}");
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
