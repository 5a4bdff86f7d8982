using System.CommandLine;
using System.Globalization;
using System.Net.WebSockets;
using GameServer.CommandLine;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol.Client;

namespace GameServer.Tools.Bots;

/// <summary>
/// <c>GameServer bots</c>: headless players that log in, subscribe and act by a mix of behaviours,
/// measuring round trips and how long a move takes to reach the other bots. Against a running server
/// or the nodes of a cluster (<c>--url</c>), or against one it starts itself as a child process, or
/// several nodes with <c>--nodes</c> (<c>--spawn-server</c>), whose CPU it then reads from /proc.
/// See <c>docs/bots.md</c>.
/// </summary>
public static class BotsCommand
{
    public const string Name = "bots";

    /// <summary>The <c>bots</c> command with every option typed, validated and with its default shown in <c>--help</c>.</summary>
    public static Command Create()
    {
        var line = new BotsCommandLine();
        var command = new Command(Name, "Headless players that log in, act by a mix of behaviours and measure the server (docs/bots.md)");
        foreach (var option in line.All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(line.Validate);
        command.SetAction((parse, cancellationToken) => RunAsync(line.Read(parse), cancellationToken));
        return command;
    }

    /// <summary>Runs <c>bots</c> as the executable would; <paramref name="args"/> are those after the command's name.</summary>
    public static Task<int> RunAsync(string[] args) =>
        CommandLineRunner.InvokeAsync(new RootCommand { Create() }, [Name, .. args]);

    internal static async Task<int> RunAsync(BotsOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await Interruptible.RunAsync("bots", async stop =>
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, cancellationToken);
                await (options.WorkerOutput is { } output ? RunWorkerAsync(options, output, linked.Token) : RunAllAsync(options, linked.Token));
            });
        }
        catch (Exception e) when (e is WebSocketException or GameRpcException or TimeoutException or InvalidOperationException)
        {
            // A server that is down, refuses the bots or drops them: the message says which; a stack trace would not.
            await Console.Error.WriteLineAsync($"bots failed: {e.Message}");
            return 1;
        }
    }

    private static async Task RunAllAsync(BotsOptions options, CancellationToken cancellationToken)
    {
        BotsReport.PrintStart(options);
        var results = new List<BotsResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var result = options switch
            {
                { SpawnServer: true, Postgres: null } => await RunOnOwnServerAsync(options, cancellationToken),
                { SpawnServer: true } => await RunOnOwnClusterAsync(options, cancellationToken),
                _ => await RunAsync(options, options.Urls!, options.ServerPids is { } pids ? ServerCpu.OfPids(pids) : null, cancellationToken),
            };
            BotsReport.PrintRun(run, result);
            results.Add(result);
        }

        if (results.Count > 1)
        {
            BotsReport.PrintMedians(results);
        }

        if (options.JsonPath is { } path)
        {
            BotsJson.WriteReport(path, options, results);
            await Console.Error.WriteLineAsync($"results written to {path}");
        }
    }

    private static async Task<BotsResult> RunAsync(BotsOptions options, ValueList<Uri> urls, ServerCpu? serverCpu, CancellationToken cancellationToken)
    {
        var result = options.Processes > 1
            ? await BotWorkers.RunAsync(options, urls, serverCpu, cancellationToken)
            : await BotRun.RunAsync(options, urls, serverCpu, cancellationToken);

        // Which node owns the world, for its CPU beside the others'; asked while the nodes still run.
        return urls.Count > 1 ? result with { Nodes = await NodeRoles.AddAsync(result.Nodes, options, cancellationToken) } : result;
    }

    // A child of --processes: its progress as JSON lines on stdout, its result in its file.
    private static async Task RunWorkerAsync(BotsOptions options, string output, CancellationToken cancellationToken)
    {
        var result = await BotRun.RunAsync(options, options.Urls!, serverCpu: null, cancellationToken, progress => Console.Out.WriteLine(progress.ToJsonLine()));
        BotsJson.WriteResult(output, result);
    }

    // A fresh server and database per run, so every run starts from the same empty world.
    private static async Task<BotsResult> RunOnOwnServerAsync(BotsOptions options, CancellationToken cancellationToken)
    {
        var temp = Directory.CreateTempSubdirectory("gameserver-bots-");
        try
        {
            using var server = ServerProcess.StartGameServer(
                "GameServer",
                Path.Combine(temp.FullName, "game.db"),
                string.Create(CultureInfo.InvariantCulture, $"--World:Width={options.Width}"),
                string.Create(CultureInfo.InvariantCulture, $"--World:Height={options.Height}"));
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            Console.Error.WriteLine($"GameServer pid {server.Id} at {server.WebSocketAddress}");
            return await RunAsync(options, server.WebSocketAddress, new ServerCpu([server.CpuTime]), cancellationToken);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    // Fresh nodes per run in a game of their own; the database is the one given, so later runs log the same users in.
    private static async Task<BotsResult> RunOnOwnClusterAsync(BotsOptions options, CancellationToken cancellationToken)
    {
        using var cluster = await SpawnedCluster.StartAsync(options, cancellationToken);
        Console.Error.WriteLine($"{options.Nodes} node(s) of game {cluster.Name} at {cluster.Urls}");
        return await RunAsync(options, cluster.Urls, cluster.Cpu, cancellationToken);
    }
}
