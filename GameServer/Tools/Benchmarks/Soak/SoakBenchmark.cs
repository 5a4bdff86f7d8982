using System.CommandLine;
using System.Globalization;
using GameServer.CommandLine;
using GameServer.Tools.Bots;

namespace GameServer.Tools.Benchmarks.Soak;

/// <summary>
/// <c>GameServer bench soak [--bots 500] [--minutes 10] [--rate 2] [--radius 20] [--sample 30]</c>: starts
/// GameServer as a child process, lets the bots walk for the whole time, and samples the server's
/// resident memory, open file handles and threads. A leak shows as a second half above the first.
/// </summary>
internal static class SoakBenchmark
{
    public const string Name = "soak";

    /// <summary><c>bench soak</c>: its options and its run.</summary>
    public static Command CreateCommand()
    {
        var bots = CommandLineOptions.Int("--bots", 500, 1, 5000, "bots walking for the whole time, each its own user");
        var minutes = CommandLineOptions.Int("--minutes", 10, 1, 240, "minutes the soak lasts");
        var rate = CommandLineOptions.Int("--rate", 2, 1, 100, "moves per second per bot");
        var radius = CommandLineOptions.Int("--radius", 20, 1, 100_000, "the radius each bot subscribes to");
        var sample = CommandLineOptions.Int("--sample", 30, 1, 3600, "seconds between samples of the server's memory, files and threads");
        var command = new Command(Name,
            "Starts GameServer as a child process, lets the bots walk for the whole time and samples the server's resident memory, open files and threads: a leak shows as a second half above the first.")
        {
            bots, minutes, rate, radius, sample,
        };
        command.SetAction((parseResult, _) =>
        {
            var options = new SoakOptions(
                parseResult.GetValue(bots), parseResult.GetValue(minutes), parseResult.GetValue(rate), parseResult.GetValue(radius), parseResult.GetValue(sample));
            return Interruptible.RunAsync("benchmark", stop => RunAsync(options, stop));
        });
        return command;
    }

    public static async Task RunAsync(SoakOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateTempSubdirectory("gameserver-soak-");
        try
        {
            using var server = ServerProcess.StartGameServer("server", Path.Combine(directory.FullName, "game.db"));
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(30), cancellationToken);
            var bots = new BotsOptions(Count: options.Bots, Rate: options.Rate, Radius: options.Radius, Seconds: options.Minutes * 60, Warmup: 5);
            var walking = BotRun.RunAsync(bots, server.WebSocketAddress, new ServerCpu([server.CpuTime]), cancellationToken);

            Console.WriteLine($"{options.Bots} bots at {options.Rate} moves/s, radius {options.Radius}, for {options.Minutes} min; a sample every {options.SampleSeconds} s.");
            Console.WriteLine();
            Console.WriteLine("| minute | RSS MiB | open files | threads | server CPU s |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            var samples = new List<ProcessSample>();
            var started = DateTime.UtcNow;
            while (!walking.IsCompleted)
            {
                await Task.WhenAny(walking, Task.Delay(TimeSpan.FromSeconds(options.SampleSeconds), cancellationToken));
                if (walking.IsCompleted)
                {
                    break;
                }

                var sample = ProcessSample.Of(server.Id, (DateTime.UtcNow - started).TotalMinutes, server.CpuTime());
                samples.Add(sample);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {sample.Minute:0.0} | {sample.ResidentMiB:0} | {sample.OpenFiles} | {sample.Threads} | {sample.CpuSeconds:0} |"));
            }

            var result = await walking;
            Console.WriteLine();
            Console.WriteLine($"bots: {result}");
            PrintVerdict(samples);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Compares the medians of the first and second half of the samples taken after the first minute.</summary>
    private static void PrintVerdict(List<ProcessSample> samples)
    {
        var settled = samples.Where(s => s.Minute >= 1).ToList();
        if (settled.Count < 4)
        {
            Console.WriteLine("too few samples for a verdict");
            return;
        }

        var half = settled.Count / 2;
        var (first, second) = (settled[..half], settled[half..]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median RSS {Median(first, s => s.ResidentMiB):0} → {Median(second, s => s.ResidentMiB):0} MiB; " +
            $"open files {Median(first, s => s.OpenFiles):0} → {Median(second, s => s.OpenFiles):0}; " +
            $"threads {Median(first, s => s.Threads):0} → {Median(second, s => s.Threads):0} (first half → second half)"));
    }

    private static double Median(List<ProcessSample> samples, Func<ProcessSample, double> value)
    {
        var sorted = samples.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

internal sealed record SoakOptions(int Bots, int Minutes, int Rate, int Radius, int SampleSeconds);

/// <summary>What /proc says of one process at one moment.</summary>
internal sealed record ProcessSample(double Minute, double ResidentMiB, int OpenFiles, int Threads, double CpuSeconds)
{
    public static ProcessSample Of(int pid, double minute, TimeSpan cpu)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return new ProcessSample(
            minute,
            Field(status, "VmRSS:") / 1024.0,
            Directory.GetFiles($"/proc/{pid}/fd").Length,
            (int)Field(status, "Threads:"),
            cpu.TotalSeconds);
    }

    private static long Field(string[] status, string name) =>
        long.Parse(status.First(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
