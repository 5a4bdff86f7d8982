using System.Diagnostics;
using System.Globalization;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// Starts <see cref="GiftBenchmarkServer"/> as a child process with a temp database and N seeded users,
/// connects the ping clients, measures an idle baseline, then triggers the real gift job several times
/// while the clients keep pinging, sorting every round trip into idle or during a run.
/// </summary>
internal static class GiftBenchmark
{
    // Seeding happens before the server listens, so the start-up bound covers it.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

    public static async Task RunAsync(GiftBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var temp = Directory.CreateTempSubdirectory("gameserver-bench-");
        ServerProcess? server = null;
        try
        {
            var seeding = Stopwatch.StartNew();
            server = ServerProcess.Start(PingBenchmark.GameServerName,
            [
                GiftBenchmarkServer.Name,
                "--users", options.Users.ToString(CultureInfo.InvariantCulture),
                .. ServerProcess.MeasuredServerSettings(Path.Combine(temp.FullName, "game.db")),
                // Runs come from the benchmark, not the schedule.
                "--Gifts:Enabled=false",
                // The ping clients never log in; as in bench ping, they must outlast the whole run.
                "--Limits:LoginDeadline=1.00:00:00",
                .. options.Postgres is { } postgres ? ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={postgres}"] : Array.Empty<string>(),
            ]);
            await server.WaitHealthyAsync(StartTimeout, cancellationToken);
            GiftBenchmarkReport.PrintStart(options, server, seeding.Elapsed);

            var phase = new GiftRunPhase();
            var recorders = Enumerable.Range(0, options.Clients).Select(_ => new GiftRunRecorder(phase, options.Runs)).ToArray();
            var runs = new List<GiftRunResult>();
            var idleCpu = TimeSpan.Zero;
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(options.Warmup + options.Idle + (options.Runs * options.Pause)) + (options.Runs * RunTimeout) + Slack);
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = RunTimeout };
            await LoadClient.DriveAsync(server.WebSocketAddress, recorders, TimeSpan.FromMilliseconds(options.PaceMs), async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Warmup), ct);
                phase.Advance();
                var before = server.CpuTime();
                await Task.Delay(TimeSpan.FromSeconds(options.Idle), ct);
                idleCpu = server.CpuTime() - before;
                for (var run = 1; run <= options.Runs; run++)
                {
                    runs.Add(await RunOnceAsync(run, server, http, phase, ct));
                    await Task.Delay(TimeSpan.FromSeconds(options.Pause), ct);
                }
            }, bounded.Token);

            GiftBenchmarkReport.PrintResults(options, runs, recorders, idleCpu);
        }
        finally
        {
            // Only the process this run started, by its PID; then its files.
            server?.Dispose();
            temp.Delete(recursive: true);
        }
    }

    // The phase turns "during" just before the trigger is sent and back just after the answer arrives,
    // so the window the pings are sorted by holds the run plus one loopback HTTP round trip.
    private static async Task<GiftRunResult> RunOnceAsync(int run, ServerProcess server, HttpClient http, GiftRunPhase phase, CancellationToken cancellationToken)
    {
        var loadAverage = BenchmarkReport.LoadAverage();
        phase.Advance();
        var cpuBefore = server.CpuTime();
        using var response = await http.PostAsync(new Uri(GiftBenchmarkServer.RunPath, UriKind.Relative), content: null, cancellationToken);
        var answer = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken);
        var cpu = server.CpuTime() - cpuBefore;
        phase.Advance();

        var parts = answer.Split(' ');
        var result = new GiftRunResult(
            run,
            ServerMs: double.Parse(parts[0], CultureInfo.InvariantCulture),
            JobCpuMs: double.Parse(parts[1], CultureInfo.InvariantCulture),
            JobWaitingMs: double.Parse(parts[2], CultureInfo.InvariantCulture),
            AllocatedBytes: long.Parse(parts[3], CultureInfo.InvariantCulture),
            Collections: int.Parse(parts[4], CultureInfo.InvariantCulture),
            ItemsHeld: int.Parse(parts[5], CultureInfo.InvariantCulture),
            ServerCpuSeconds: cpu.TotalSeconds,
            LoadAverage: loadAverage);
        if (result.ItemsHeld != run)
        {
            throw new InvalidOperationException($"after run {run} the last user holds {result.ItemsHeld} items, not {run}");
        }

        return result;
    }
}

/// <summary>
/// One gift run: its time inside the server; of that, the job's thread on a CPU and waiting for one, the
/// rest being blocked (disk, GC pauses, queueing); its allocations; gen0 collections in the server
/// meanwhile; the whole server's CPU, pings included.
/// </summary>
internal sealed record GiftRunResult(
    int Run, double ServerMs, double JobCpuMs, double JobWaitingMs, long AllocatedBytes, int Collections, int ItemsHeld, double ServerCpuSeconds, string LoadAverage)
{
    public double BlockedMs => ServerMs - JobCpuMs - JobWaitingMs;
}
