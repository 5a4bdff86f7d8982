using System.Diagnostics;
using System.Globalization;

namespace GameServer.Tools.Bots;

/// <summary>
/// <c>--processes N</c>: the bots spread over N child processes of this same executable, each
/// running its share with <c>--worker-output</c>. A child prints its progress as one JSON line a
/// second on stdout and writes its whole result, histograms included, to its file; the parent prints
/// the sum of their progress and merges their results into one run. Every child gets every node's
/// URL and its first bot's number, so the bots of all of them spread over the nodes as one.
/// </summary>
internal static class BotWorkers
{
    // Beyond the run's own bound: a child that outlives it is killed, by its PID.
    private static readonly TimeSpan ExitSlack = TimeSpan.FromSeconds(60);

    public static async Task<BotsResult> RunAsync(BotsOptions options, ValueList<Uri> urls, ServerCpu? serverCpu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateTempSubdirectory("gameserver-bots-workers-");
        var workers = new List<(Process Process, string Output)>();
        var latest = new BotsProgress?[options.Processes];
        var print = BotsProgress.LinePrinter();
        var window = new ServerWindow(serverCpu);
        try
        {
            var first = options.FirstBot;
            for (var k = 0; k < options.Processes; k++)
            {
                var count = (options.Count / options.Processes) + (k < options.Count % options.Processes ? 1 : 0);
                var output = Path.Combine(directory.FullName, $"worker{k}.json");
                var worker = k;
                workers.Add((Start(options with { Count = count, FirstBot = first }, urls, output, worker, progress =>
                {
                    lock (latest)
                    {
                        latest[worker] = progress;
                        if (latest.All(p => p is not null))
                        {
                            window.Observe(latest!);
                        }
                    }
                }), output));
                first += count;
            }

            using var reporting = new BotsProgressReporter(
                () => { lock (latest) { return BotsProgress.Sum([.. latest.Where(p => p is not null)!]); } },
                progress => { if (progress.Bots > 0) { print(progress); } });
            var bound = TimeSpan.FromSeconds(options.RampUp + options.Warmup + options.Seconds + options.Count) + ExitSlack;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(bound);
            await Task.WhenAll(workers.Select(w => w.Process.WaitForExitAsync(deadline.Token)));
            var failed = workers.Where(w => w.Process.ExitCode != 0).Select(w => w.Process.ExitCode).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException($"{failed.Count} of {workers.Count} bot processes failed (exit codes {string.Join(", ", failed)}); their messages are above");
            }

            return BotsResult.Merge([.. workers.Select(w => BotsJson.ReadResult(w.Output))], window.CpuSecondsPerWindow(options.Seconds, urls.Count));
        }
        finally
        {
            foreach (var (process, _) in workers)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    await process.WaitForExitAsync(CancellationToken.None);
                }

                process.Dispose();
            }

            directory.Delete(recursive: true);
        }
    }

    /// <summary>The command line of a child: the same options, its share of the bots, and where its result goes.</summary>
    internal static IEnumerable<string> Arguments(BotsOptions o, ValueList<Uri> urls, string output)
    {
        string S(double value) => value.ToString(CultureInfo.InvariantCulture);
        yield return BotsCommand.Name;
        yield return "--url";
        yield return urls.ToString();
        if (o.AllowHost is { } host)
        {
            yield return "--allow-host";
            yield return host;
        }

        foreach (var (name, value) in new[]
        {
            ("--count", S(o.Count)), ("--first-bot", S(o.FirstBot)), ("--mix", o.Mix.ToString()), ("--rate", S(o.Rate)), ("--now-and-then", S(o.NowAndThen)),
            ("--seconds", S(o.Seconds)), ("--warmup", S(o.Warmup)), ("--ramp-up", S(o.RampUp)), ("--world", $"{S(o.Width)}x{S(o.Height)}"),
            ("--users-prefix", o.UsersPrefix), ("--worker-output", output),
        })
        {
            yield return name;
            yield return value;
        }

        if (o.Radius is { } radius)
        {
            yield return "--radius";
            yield return S(radius);
        }

        if (o.Compact)
        {
            yield return "--compact";
        }

        if (o.NotifyMoves)
        {
            yield return "--notify-moves";
        }
    }

    private static Process Start(BotsOptions options, ValueList<Uri> urls, string output, int worker, Action<BotsProgress> progress)
    {
        var start = new ProcessStartInfo(Benchmarks.ServerProcess.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GameServer.dll"));
        foreach (var argument in Arguments(options, urls, output))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a bot process");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                progress(BotsProgress.FromJsonLine(line));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Console.Error.WriteLine($"[bots {worker}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Each node's CPU over the window as the children report it: from when all of them measure to
    /// when the first has stopped, to the second of their progress lines.
    /// </summary>
    private sealed class ServerWindow(ServerCpu? serverCpu)
    {
        private (long At, TimeSpan[] Cpu)? _open;
        private (long At, TimeSpan[] Cpu)? _close;

        public void Observe(IReadOnlyList<BotsProgress> progress)
        {
            if (serverCpu is null)
            {
                return;
            }

            if (_open is null && progress.All(p => p.Phase == "measuring"))
            {
                _open = (Stopwatch.GetTimestamp(), ServerCpu.Read(serverCpu));
            }
            else if (_open is not null && _close is null && progress.Any(p => p.Phase == "draining"))
            {
                _close = (Stopwatch.GetTimestamp(), ServerCpu.Read(serverCpu));
            }
        }

        public double[] CpuSecondsPerWindow(int windowSeconds, int nodes) =>
            _open is { } open && _close is { } close && close.At > open.At
                ? [.. ServerCpu.Between(nodes, open.Cpu, close.Cpu).Select(s => s * windowSeconds / Stopwatch.GetElapsedTime(open.At, close.At).TotalSeconds)]
                : ServerCpu.Between(nodes, [], []);
    }
}
