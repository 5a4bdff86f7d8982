using System.CommandLine;
using GameServer.CommandLine;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// What <c>bench gifts</c> measures: users seeded, gift runs, ping clients, the seconds of warm-up, of
/// idle baseline before the first run and of pause after each run, and the milliseconds from one ping
/// of a client to its next (0: the next goes as soon as the reply is in, a closed loop at full speed).
/// </summary>
internal sealed record GiftBenchmarkOptions(int Users, int Runs, int Clients, int Warmup, int Idle, int Pause, int PaceMs, string? Postgres = null)
{
    public const string Name = "gifts";

    /// <summary><c>bench gifts</c>: its options and its run.</summary>
    public static Command CreateCommand()
    {
        var users = CommandLineOptions.Int("--users", 10_000, 1, GiftBenchmarkServer.MaxUsers, "users seeded, each with an inventory");
        var runs = CommandLineOptions.Int("--runs", 5, 1, 1000, "gift runs");
        var clients = CommandLineOptions.Int("--clients", 50, 1, 5000, "ping clients measuring latency meanwhile");
        var warmup = CommandLineOptions.Int("--warmup", 2, 0, 120, "seconds of pings before the baseline");
        var idle = CommandLineOptions.Int("--idle", 5, 1, 600, "seconds of idle baseline before the first run");
        var pause = CommandLineOptions.Int("--pause", 2, 0, 600, "seconds of pause after each run");
        var paceMs = CommandLineOptions.Int("--pace-ms", 0, 0, 1000, "milliseconds from one ping of a client to its next (0: closed loop)");
        var postgres = new Option<string?>("--postgres")
        {
            Description = "run the server on this PostgreSQL database (an Npgsql connection string; the database must be empty) instead of a temporary LiteDB file",
        };
        var command = new Command(Name,
            "Gift runs over many users in a seeded child server (gift-bench-server) while ping clients measure latency.")
        {
            users, runs, clients, warmup, idle, pause, paceMs, postgres,
        };
        command.SetAction((parseResult, _) =>
        {
            var options = new GiftBenchmarkOptions(
                parseResult.GetValue(users), parseResult.GetValue(runs), parseResult.GetValue(clients), parseResult.GetValue(warmup),
                parseResult.GetValue(idle), parseResult.GetValue(pause), parseResult.GetValue(paceMs), parseResult.GetValue(postgres));
            return Interruptible.RunAsync("benchmark", stop => GiftBenchmark.RunAsync(options, stop));
        });
        return command;
    }
}
