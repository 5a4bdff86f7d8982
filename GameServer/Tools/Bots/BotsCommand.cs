using System.Globalization;
using System.Net.WebSockets;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol.Client;

namespace GameServer.Tools.Bots;

/// <summary>
/// <c>GameServer bots</c>: headless players that register, subscribe and walk, measuring how long a
/// move takes to reach the other bots. Against a running server (<c>--url</c>), or against one it
/// starts itself as a child process (<c>--spawn-server</c>), whose CPU it then reads from /proc.
/// </summary>
public static class BotsCommand
{
    public const string Name = "bots";

    private const string Usage =
        "usage: GameServer bots (--url ws://127.0.0.1:PORT/ws [--server-pid PID] | --spawn-server)\n" +
        "                       [--count 200] [--rate 10] [--radius R] [--compact] [--notify-moves] [--seconds 20] [--warmup 5] [--runs 1] [--world 100x100]";

    /// <summary>Runs the bots; <paramref name="args"/> are those after the command's name. Returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            return await Interruptible.RunAsync("bots", stop => RunAllAsync(options, stop));
        }
        catch (Exception e) when (e is WebSocketException or GameRpcException or TimeoutException or InvalidOperationException)
        {
            // A server that is down, refuses the bots or drops them: the message says which; a stack trace would not.
            Console.Error.WriteLine($"bots failed: {e.Message}");
            return 1;
        }
    }

    internal static bool TryParse(string[] args, out BotsOptions options, out string error)
    {
        options = new BotsOptions();
        if (!CommandArguments.TryParse(args, ref options, (name, value, o) => (name, value) switch
        {
            ("--spawn-server", _) => o with { SpawnServer = true },
            ("--compact", _) => o with { Compact = true },
            ("--notify-moves", _) => o with { NotifyMoves = true },
            ("--url", not null) when Uri.TryCreate(value, UriKind.Absolute, out var url) => o with { Url = url },
            ("--server-pid", not null) when CommandArguments.TryParseInt(value, 1, int.MaxValue, out var n) => o with { ServerPid = n },
            ("--count", not null) when CommandArguments.TryParseInt(value, 1, 5000, out var n) => o with { Count = n },
            ("--rate", not null) when CommandArguments.TryParseInt(value, 1, 100, out var n) => o with { Rate = n },
            ("--radius", not null) when TryParseDouble(value, out var r) => o with { Radius = r },
            ("--seconds", not null) when CommandArguments.TryParseInt(value, 1, 600, out var n) => o with { Seconds = n },
            ("--warmup", not null) when CommandArguments.TryParseInt(value, 0, 120, out var n) => o with { Warmup = n },
            ("--runs", not null) when CommandArguments.TryParseInt(value, 1, 21, out var n) => o with { Runs = n },
            ("--world", not null) when TryParseWorld(value, out var width, out var height) => o with { Width = width, Height = height },
            _ => null,
        }, out error, "--spawn-server", "--compact", "--notify-moves"))
        {
            return false;
        }

        error = options switch
        {
            { Url: null, SpawnServer: false } => "give --url or --spawn-server",
            { Url: not null, SpawnServer: true } => "give --url or --spawn-server, not both",
            { ServerPid: not null, SpawnServer: true } => "--server-pid is for --url; with --spawn-server the bots know their server",
            { Url: { } url } when url.Scheme is not ("ws" or "wss") => $"not a WebSocket URL: {url}",
            // The bots are a load generator: they must not be pointed at anyone else's machine.
            { Url: { IsLoopback: false } url } => $"only a server on this machine (127.0.0.1): {url}",
            _ => "",
        };
        return error.Length == 0;
    }

    private static async Task RunAllAsync(BotsOptions options, CancellationToken cancellationToken)
    {
        BotsReport.PrintStart(options);
        var results = new List<BotsResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var result = options.SpawnServer
                ? await RunOnOwnServerAsync(options, cancellationToken)
                : await BotRun.RunAsync(options, options.Url!, options.ServerPid is { } pid ? () => ProcessCpu.Of(pid) : null, cancellationToken);
            BotsReport.PrintRun(run, options, result);
            results.Add(result);
        }

        if (results.Count > 1)
        {
            BotsReport.PrintMedians(options, results);
        }
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
            return await BotRun.RunAsync(options, server.WebSocketAddress, server.CpuTime, cancellationToken);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value > 0;

    private static bool TryParseWorld(string text, out double width, out double height)
    {
        (width, height) = (0, 0);
        var parts = text.Split('x');

        // At least 2 wide, so that a step that turns back at a wall always lands inside.
        return parts.Length == 2
            && TryParseDouble(parts[0], out width) && width >= 2
            && TryParseDouble(parts[1], out height) && height >= 2;
    }
}

/// <summary>
/// The bots' settings, one per option of <c>docs/bots.md</c>: a null <c>Radius</c> subscribes to the
/// whole world; <c>Width</c> and <c>Height</c> are where the bots turn back, and with
/// <c>SpawnServer</c> the server's world too.
/// </summary>
internal sealed record BotsOptions(
    Uri? Url = null,
    bool SpawnServer = false,
    int? ServerPid = null,
    int Count = 200,
    int Rate = 10,
    double? Radius = null,
    int Seconds = 20,
    int Warmup = 5,
    int Runs = 1,
    double Width = 100,
    double Height = 100,
    bool Compact = false,
    bool NotifyMoves = false)
{
    public string Subscription =>
        (Radius is { } r ? string.Create(CultureInfo.InvariantCulture, $"radius {r}") : "whole world")
        + (Compact ? ", compact" : "") + (NotifyMoves ? ", moves as notifications" : "");
}
