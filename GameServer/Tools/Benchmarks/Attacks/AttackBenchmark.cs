using System.CommandLine;
using System.Globalization;
using GameServer.CommandLine;

namespace GameServer.Tools.Benchmarks.Attacks;

/// <summary>
/// <c>GameServer bench attacks [--seconds 10] [--victims 20] [--radius 1e11] [--connections 3000] [--server GameServer.dll]</c>:
/// starts GameServer as a child process, logs in victims who ping at a steady pace, then runs each
/// attack of issue 10 in turn and reports the victims' round trips, the server's memory and what
/// the attacker got. docs/reliability.md records its figures.
/// </summary>
internal static class AttackBenchmark
{
    public const string Name = "attacks";

    public const string Password = "attack bench password";

    /// <summary>
    /// The attacker and the victims share the loopback address, so the per-address limits are waived
    /// (the default for loopback): what is measured is what the server-wide bounds (hash gate, batch,
    /// reply and queue caps, radius, connection limit) keep from the other players.
    /// </summary>
    private static readonly string[] ServerSettings =
    [
        "--Limits:ExemptLoopback=true",
        "--Limits:MaxConnections=2000",
        "--Gifts:Enabled=false",
    ];

    /// <summary><c>bench attacks</c>: its options and its run.</summary>
    public static Command CreateCommand()
    {
        var seconds = CommandLineOptions.Int("--seconds", 10, 1, 600, "seconds each attack runs");
        var victims = CommandLineOptions.Int("--victims", 20, 1, 500, "logged-in victims pinging every 20 ms");
        var radius = CommandLineOptions.PositiveDouble("--radius", 1e11, "the radius the oversized subscription asks for");
        var connections = CommandLineOptions.Int("--connections", 3000, 1, 20_000, "connections of the connection flood");
        // Another build's server, to measure before and after a change with the same attacker.
        var server = CommandLineOptions.ExistingFile("--server", "the GameServer.dll to attack (default: this one)");
        var command = new Command(Name,
            "Starts GameServer as a child process, then runs each attack of issue 10 in turn while victims ping: their round trips, the server's memory, what the attacker got.")
        {
            seconds, victims, radius, connections, server,
        };
        command.SetAction((parseResult, _) =>
        {
            var options = new AttackOptions(
                parseResult.GetValue(seconds), parseResult.GetValue(victims), parseResult.GetValue(radius), parseResult.GetValue(connections), parseResult.GetValue(server));
            return Interruptible.RunAsync("benchmark", stop => RunAsync(options, stop));
        });
        return command;
    }

    public static async Task RunAsync(AttackOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateTempSubdirectory("gameserver-attacks-");
        try
        {
            using var server = ServerProcess.Start("server", [.. ServerProcess.MeasuredServerSettings(Path.Combine(directory.FullName, "game.db")), .. ServerSettings], options.ServerDll);
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await SeedChatAsync(server.WebSocketAddress, cancellationToken);
            await using var victims = await Victims.LogInAsync(server.WebSocketAddress, options.Victims, cancellationToken);
            using var stopVictims = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pinging = victims.RunAsync(stopVictims.Token);

            Console.WriteLine($"{options.Victims} victims ping every 20 ms; each attack runs {options.Seconds} s.");
            Console.WriteLine();
            Console.WriteLine("| attack | victim pings | p50 ms | p99 ms | max ms | server RSS MiB | what the attacker got |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
            foreach (var attack in Attack.All(options.Radius, options.Connections))
            {
                var tally = new AttackTally();
                using var phase = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                phase.CancelAfter(TimeSpan.FromSeconds(options.Seconds));
                victims.NextPhase();
                try
                {
                    await attack.RunAsync(server.WebSocketAddress, tally, phase.Token);
                }
                catch (OperationCanceledException) when (phase.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The phase's time is up.
                }

                var pings = victims.NextPhase();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {attack.Name} | {pings.Count} | {pings.PercentileMs(0.50):0.0} | {pings.PercentileMs(0.99):0.0} | {pings.MaxMs:0.0} | {ResidentMiB(server.Id):0} | {tally} |"));
            }

            await stopVictims.CancelAsync();
            await pinging;
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(10), cancellationToken);
            Console.WriteLine();
            Console.WriteLine("The server is alive and /healthz answers Healthy.");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A hundred long messages, so that chat.history has something to amplify.</summary>
    private static async Task SeedChatAsync(Uri address, CancellationToken cancellationToken)
    {
        var text = new string('x', 500);
        for (var n = 0; n < 20; n++)
        {
            await using var client = await Protocol.Client.GameClient.ConnectAsync(address, cancellationToken);
            await Protocol.Accounts.AuthClientExtensions.RegisterAsync(client, $"chatter{n:D2}", Password, cancellationToken);
            for (var i = 0; i < 5; i++)
            {
                await Protocol.Chat.ChatClientExtensions.SendChatAsync(client, text, cancellationToken);
            }
        }
    }

    private static double ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}

internal sealed record AttackOptions(int Seconds, int Victims, double Radius, int Connections, string? ServerDll);
