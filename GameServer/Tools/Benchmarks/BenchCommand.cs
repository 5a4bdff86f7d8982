using System.CommandLine;
using GameServer.CommandLine;
using GameServer.Tools.Benchmarks.Attacks;
using GameServer.Tools.Benchmarks.Soak;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// <c>GameServer bench [ping|gifts|monsters|attacks|soak] [options]</c>: the measuring commands. Without a
/// subcommand it runs <c>ping</c>, as it always has.
/// </summary>
public static class BenchCommand
{
    public const string Name = "bench";

    private const string PingDescription =
        "Closed-loop system.ping against GameServer and the echo server (a bare Kestrel WebSocket), both started as child processes on 127.0.0.1.";

    public static Command Create()
    {
        var bench = WithPing(new Command(Name, $"The benchmarks; without a subcommand, ping. {PingDescription}"));
        bench.Add(WithPing(new Command("ping", PingDescription)));
        bench.Add(GiftBenchmarkOptions.CreateCommand());
        bench.Add(MonsterTickBenchmark.CreateCommand());
        bench.Add(MonsterSubscribers.CreateCommand());
        bench.Add(PlayerSaveBenchmark.CreateCommand());
        bench.Add(AttackBenchmark.CreateCommand());
        bench.Add(SoakBenchmark.CreateCommand());
        bench.Add(IdleBenchmark.CreateCommand());

        bench.Add(Micro.MicroBenchmarks.Create());
        return bench;
    }

    private static Command WithPing(Command command)
    {
        var connections = CommandLineOptions.IntList("--connections", [50, 200], 1, 5000, "connection counts to measure");
        var seconds = CommandLineOptions.Int("--seconds", 10, 1, 600, "measured seconds per run and count");
        var runs = CommandLineOptions.Int("--runs", 3, 1, 21, "runs, whose medians are reported");
        var warmup = CommandLineOptions.Int("--warmup", 2, 0, 120, "unmeasured seconds before each measurement");
        command.Add(connections);
        command.Add(seconds);
        command.Add(runs);
        command.Add(warmup);
        command.SetAction((parseResult, _) =>
        {
            var options = new BenchmarkOptions(
                parseResult.GetRequiredValue(connections).Values,
                parseResult.GetValue(seconds),
                parseResult.GetValue(runs),
                parseResult.GetValue(warmup));
            return Interruptible.RunAsync("benchmark", stop => PingBenchmark.RunAsync(options, stop));
        });
        return command;
    }
}

internal sealed record BenchmarkOptions(int[] Connections, int Seconds, int Runs, int Warmup);
