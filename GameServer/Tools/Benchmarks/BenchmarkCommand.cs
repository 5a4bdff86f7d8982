
namespace GameServer.Tools.Benchmarks;

/// <summary>
/// <c>GameServer bench [ping] [--connections 50,200] [--seconds 10] [--runs 3] [--warmup 2]</c>: closed-loop
/// <c>system.ping</c> against GameServer and the echo server, both started as child processes.
/// <c>GameServer bench gifts [...]</c>: gift runs over many users while ping clients measure latency
/// (<see cref="GiftBenchmarkOptions"/>).
/// </summary>
public static class BenchmarkCommand
{
    public const string Name = "bench";

    private const string Usage = "usage: GameServer bench [ping] [--connections 50,200] [--seconds 10] [--runs 3] [--warmup 2]";

    /// <summary>Runs the benchmark; <paramref name="args"/> are those after its name. Returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Func<CancellationToken, Task> benchmark;
        if (args is [Micro.MicroBenchmarks.Name, ..])
        {
            // replaced at merge: the System.CommandLine tree registers MicroBenchmarks.Create() under bench.
            return await new System.CommandLine.RootCommand { Micro.MicroBenchmarks.Create() }.Parse(args).InvokeAsync();
        }

        if (args is [MonsterTickBenchmark.Name, .. var monsterArgs])
        {
            return await MonsterTickBenchmark.RunAsync(monsterArgs, CancellationToken.None);
        }

        if (args is [Attacks.AttackBenchmark.Name, .. var attackArgs])
        {
            if (!Attacks.AttackBenchmark.TryParse(attackArgs, out var attacks, out var attackError))
            {
                return Refuse(attackError, Attacks.AttackBenchmark.Usage);
            }

            benchmark = ct => Attacks.AttackBenchmark.RunAsync(attacks, ct);
        }
        else if (args is [Soak.SoakBenchmark.Name, .. var soakArgs])
        {
            if (!Soak.SoakBenchmark.TryParse(soakArgs, out var soak, out var soakError))
            {
                return Refuse(soakError, Soak.SoakBenchmark.Usage);
            }

            benchmark = ct => Soak.SoakBenchmark.RunAsync(soak, ct);
        }
        else if (args is ["gifts", .. var giftArgs])
        {
            if (!GiftBenchmarkOptions.TryParse(giftArgs, out var gifts, out var error))
            {
                return Refuse(error, GiftBenchmarkOptions.Usage);
            }

            benchmark = ct => GiftBenchmark.RunAsync(gifts, ct);
        }
        else
        {
            if (!TryParse(args is ["ping", .. var pingArgs] ? pingArgs : args, out var ping, out var error))
            {
                return Refuse(error, Usage);
            }

            benchmark = ct => PingBenchmark.RunAsync(ping, ct);
        }

        return await Interruptible.RunAsync("benchmark", benchmark);
    }

    private static int Refuse(string error, string usage)
    {
        Console.Error.WriteLine(error);
        Console.Error.WriteLine(usage);
        return 2;
    }

    internal static bool TryParse(string[] args, out BenchmarkOptions options, out string error)
    {
        options = new BenchmarkOptions([50, 200], Seconds: 10, Runs: 3, Warmup: 2);
        return CommandArguments.TryParse(args, ref options, (name, value, o) => (name, value) switch
        {
            ("--connections", not null) when CommandArguments.TryParseList(value, 1, 5000, out var list) => o with { Connections = list },
            ("--seconds", not null) when CommandArguments.TryParseInt(value, 1, 600, out var n) => o with { Seconds = n },
            ("--runs", not null) when CommandArguments.TryParseInt(value, 1, 21, out var n) => o with { Runs = n },
            ("--warmup", not null) when CommandArguments.TryParseInt(value, 0, 120, out var n) => o with { Warmup = n },
            _ => null,
        }, out error);
    }
}

internal sealed record BenchmarkOptions(int[] Connections, int Seconds, int Runs, int Warmup);
