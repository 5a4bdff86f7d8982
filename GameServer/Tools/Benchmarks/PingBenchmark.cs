namespace GameServer.Tools.Benchmarks;

/// <summary>
/// Starts GameServer and the echo server as child processes, then drives both with the same load
/// client: for each run and connection count, GameServer then echo, so noise falls on both alike.
/// </summary>
internal static class PingBenchmark
{
    public const string GameServerName = "GameServer";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var temp = Directory.CreateTempSubdirectory("gameserver-bench-");
        var servers = new List<ServerProcess>();
        try
        {
            // The load is anonymous pings for as long as --seconds asks; the login deadline that closes
            // anonymous connections after 15 s is a defence, not part of what is measured.
            var game = Started(servers, ServerProcess.StartGameServer(GameServerName, Path.Combine(temp.FullName, "game.db"), "--Limits:LoginDeadline=1.00:00:00"));
            var echo = Started(servers, ServerProcess.Start(EchoServer.Name, [EchoServer.Name]));
            await Task.WhenAll(game.WaitHealthyAsync(StartTimeout, cancellationToken), echo.WaitHealthyAsync(StartTimeout, cancellationToken));

            BenchmarkReport.PrintMachine(options, game, echo);
            var measurements = new List<Measurement>();
            for (var run = 1; run <= options.Runs; run++)
            {
                var thisRun = new List<Measurement>();
                foreach (var connections in options.Connections)
                {
                    foreach (var target in new[] { game, echo })
                    {
                        var result = await LoadClient.RunAsync(
                            target, connections, TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), cancellationToken);
                        thisRun.Add(new Measurement(run, connections, target.Name, result));
                    }
                }

                BenchmarkReport.PrintRun(run, thisRun);
                measurements.AddRange(thisRun);
            }

            BenchmarkReport.PrintMedians(options, measurements);
        }
        finally
        {
            // Only the processes this run started, by their PID; then their files.
            foreach (var server in servers)
            {
                server.Dispose();
            }

            temp.Delete(recursive: true);
        }
    }

    private static ServerProcess Started(List<ServerProcess> servers, ServerProcess server)
    {
        servers.Add(server);
        return server;
    }
}

/// <summary>One target at one connection count in one run.</summary>
internal sealed record Measurement(int Run, int Connections, string Target, LoadResult Result);
