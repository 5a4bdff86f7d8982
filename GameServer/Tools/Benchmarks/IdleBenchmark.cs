using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using GameServer.CommandLine;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// <c>GameServer bench idle [--connections 10000] [--users 20] [--settle 30] [--idle 30] [--runs 3]</c>:
/// what an idle logged-in connection costs the server. Starts GameServer as a child process on
/// loopback, opens the connections (each resumes the token of one of a few users, so no password hash
/// per connection), leaves them idle, and reports the server's resident memory growth per connection
/// and the CPU it uses while they are idle. Run it with a raised <c>ulimit -n</c>.
/// <para>
/// Idle connections still exchange one keep-alive frame each per 30 s, and connections opened together
/// do it together: a burst every 30 s. So the CPU is measured over whole keep-alive cycles (a window
/// of 30 s catches each connection's keep-alive once, whatever its phase), after one cycle of settling
/// (every connection has had its first keep-alive, and the runtime has compiled those paths at full
/// optimisation): the steady cost of a server that has been idle for a while.
/// </para>
/// </summary>
internal static class IdleBenchmark
{
    public const string Name = "idle";

    // Few at a time: at 100 concurrent resumes LiteDB refused some with "Maximum number of transactions reached".
    private const int ConcurrentOpens = 16;

    public static Command CreateCommand()
    {
        var connections = CommandLineOptions.Int("--connections", 10_000, 1, 50_000, "idle logged-in connections to open");
        var users = CommandLineOptions.Int("--users", 20, 1, 1000, "users the connections log in as (registered once each)");
        var settle = CommandLineOptions.Int("--settle", 30, 0, 600, "seconds the connections stay idle before the server's CPU is measured");
        var idle = CommandLineOptions.Int("--idle", 30, 1, 600, "seconds the connections stay idle while the server's CPU is measured (whole keep-alive cycles of 30 s measure steadiest)");
        var runs = CommandLineOptions.Int("--runs", 3, 1, 21, "runs, each with a fresh server; medians are reported");
        var command = new Command(Name,
            "Opens idle logged-in connections to a fresh GameServer and reports its resident memory per connection and its CPU while they are idle.")
        {
            connections, users, settle, idle, runs,
        };
        command.SetAction((parseResult, _) => Interruptible.RunAsync("benchmark", stop => RunAsync(
            parseResult.GetValue(connections), parseResult.GetValue(users), parseResult.GetValue(settle), parseResult.GetValue(idle), parseResult.GetValue(runs), stop)));
        return command;
    }

    private static async Task RunAsync(int connections, int users, int settleSeconds, int idleSeconds, int runs, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{connections:N0} idle logged-in connections ({users} users), {settleSeconds} s settling, then {idleSeconds} s measured, {runs} runs; loopback.");
        Console.WriteLine();
        Console.WriteLine("| run | RSS before MiB | RSS after MiB | KiB per connection | idle CPU % of a core | opened in s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var results = new List<(double PerConnection, double Cpu)>();
        for (var run = 1; run <= runs; run++)
        {
            var (before, after, cpu, opened) = await MeasureAsync(connections, users, settleSeconds, idleSeconds, cancellationToken);
            var perConnection = (after - before) / 1024.0 / connections;
            results.Add((perConnection, cpu));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run} | {before / 1048576.0:F1} | {after / 1048576.0:F1} | {perConnection:F1} | {cpu * 100:F2} | {opened:F1} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Median: {BenchmarkReport.Median(results.Select(r => r.PerConnection)):F1} KiB per idle connection, {BenchmarkReport.Median(results.Select(r => r.Cpu)) * 100:F2}% of a core while idle."));
    }

    private static async Task<(long Before, long After, double Cpu, double Opened)> MeasureAsync(int connections, int users, int settleSeconds, int idleSeconds, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("gameserver-idle-");
        var sockets = new List<ClientWebSocket>(connections);
        try
        {
            using var server = ServerProcess.StartGameServer(
                "server", Path.Combine(directory.FullName, "game.db"),
                $"--Limits:MaxConnections={connections + 100}", "--Gifts:Enabled=false", "--Monsters:TickEnabled=false");
            // Generous: on a loaded machine a cold start has taken more than 30 s.
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(120), cancellationToken);
            var tokens = await RegisterAsync(server.WebSocketAddress, users, cancellationToken);

            // Settled: start-up and the registrations' hashing are behind, so the growth is the connections'.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var before = ResidentBytes(server.Id);
            var opening = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(ConcurrentOpens);
            var opens = Enumerable.Range(0, connections).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var socket = await OpenLoggedInAsync(server.WebSocketAddress, tokens[i % tokens.Count], cancellationToken);
                    lock (sockets)
                    {
                        sockets.Add(socket);
                    }
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(opens);
            var opened = opening.Elapsed.TotalSeconds;

            await Task.Delay(TimeSpan.FromSeconds(settleSeconds), cancellationToken);
            var cpuBefore = server.CpuTime();
            var wall = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds), cancellationToken);
            var cpu = (server.CpuTime() - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
            var after = ResidentBytes(server.Id);
            return (before, after, cpu, opened);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Abort();
                socket.Dispose();
            }

            directory.Delete(recursive: true);
        }
    }

    private static async Task<List<string>> RegisterAsync(Uri address, int users, CancellationToken cancellationToken)
    {
        var tokens = new List<string>();
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < users; i++)
        {
            await using var client = await GameClient.ConnectAsync(address, cancellationToken);
            tokens.Add((await client.RegisterAsync($"idle{run}{i}", "idle benchmark password", cancellationToken)).Token);
        }

        return tokens;
    }

    /// <summary>A bare WebSocket that resumes a session and then only keeps a small receive pending (which answers the server's pings).</summary>
    private static async Task<ClientWebSocket> OpenLoggedInAsync(Uri address, string token, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(address, cancellationToken);
        var resume = Encoding.UTF8.GetBytes($$$"""{"jsonrpc":"2.0","id":1,"method":"auth.resume","params":{"token":"{{{token}}}"}}""");
        await socket.SendAsync(resume, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        var buffer = new byte[4096];
        var answer = await socket.ReceiveAsync(buffer, cancellationToken);
        if (!Encoding.UTF8.GetString(buffer, 0, answer.Count).Contains("\"result\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"auth.resume refused: {Encoding.UTF8.GetString(buffer, 0, answer.Count)}");
        }

        _ = DrainAsync(socket);
        return socket;
    }

    private static async Task DrainAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                await socket.ReceiveAsync(buffer, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Aborted at the end of the run.
        }
    }

    private static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }
}
