using System.Globalization;
using System.Text.Json;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>Where a run stands, every second: totals since it started, so two give the rates between them.</summary>
internal sealed record BotsProgress(double Seconds, string Phase, int Bots, int Connected, long MovesSent, long UpdatesIn, double P99Ms, long Errors, long Reconnects)
{
    public static BotsProgress Of(IReadOnlyList<Bot> bots, Swarm swarm, string phase, TimeSpan elapsed)
    {
        // Read while the bots write: a figure off by one message is good enough for a progress line.
        var arrivals = new LatencyHistogram();
        var (connected, moves, updates) = (0, 0L, 0L);
        foreach (var bot in bots)
        {
            arrivals.Add(bot.Arrivals);
            connected += bot.Connected ? 1 : 0;
            moves += bot.Counters.MovesSent;
            updates += bot.Counters.UpdatesIn;
        }

        return new BotsProgress(elapsed.TotalSeconds, phase, bots.Count, connected, moves, updates, arrivals.PercentileMs(0.99), swarm.Errors.Total, swarm.Reconnects.Total);
    }

    /// <summary>Several processes' progress as one: the worst p99 stands for all.</summary>
    public static BotsProgress Sum(IReadOnlyCollection<BotsProgress> parts) => new(
        parts.Max(p => p.Seconds),
        parts.Select(p => p.Phase).Distinct().Count() == 1 ? parts.First().Phase : string.Join('/', parts.Select(p => p.Phase).Distinct()),
        parts.Sum(p => p.Bots),
        parts.Sum(p => p.Connected),
        parts.Sum(p => p.MovesSent),
        parts.Sum(p => p.UpdatesIn),
        parts.Select(p => p.P99Ms).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max(),
        parts.Sum(p => p.Errors),
        parts.Sum(p => p.Reconnects));

    /// <summary>One line for a child process's standard output, read back by its parent.</summary>
    public string ToJsonLine()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("seconds", Seconds);
            json.WriteString("phase", Phase);
            json.WriteNumber("bots", Bots);
            json.WriteNumber("connected", Connected);
            json.WriteNumber("moves_sent", MovesSent);
            json.WriteNumber("updates_in", UpdatesIn);
            json.WriteNumber("p99_ms", double.IsFinite(P99Ms) ? P99Ms : -1);
            json.WriteNumber("errors", Errors);
            json.WriteNumber("reconnects", Reconnects);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static BotsProgress FromJsonLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var p99 = root.GetProperty("p99_ms").GetDouble();
        return new BotsProgress(
            root.GetProperty("seconds").GetDouble(),
            root.GetProperty("phase").GetString() ?? "",
            root.GetProperty("bots").GetInt32(),
            root.GetProperty("connected").GetInt32(),
            root.GetProperty("moves_sent").GetInt64(),
            root.GetProperty("updates_in").GetInt64(),
            p99 < 0 ? double.NaN : p99,
            root.GetProperty("errors").GetInt64(),
            root.GetProperty("reconnects").GetInt64());
    }

    /// <summary>The live line on stderr: rates since the previous snapshot.</summary>
    public static Action<BotsProgress> LinePrinter()
    {
        BotsProgress? previous = null;
        return now =>
        {
            var seconds = previous is null ? now.Seconds : Math.Max(now.Seconds - previous.Seconds, 0.001);
            var moves = (now.MovesSent - (previous?.MovesSent ?? 0)) / seconds;
            var updates = (now.UpdatesIn - (previous?.UpdatesIn ?? 0)) / seconds;
            previous = now;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{now.Seconds,5:0}s {now.Phase,-9} connected {now.Connected}/{now.Bots}, moves/s {moves:N0}, updates/s {updates:N0}, p99 {(double.IsNaN(now.P99Ms) ? "-" : now.P99Ms.ToString("0.0", CultureInfo.InvariantCulture))} ms, errors {now.Errors}, reconnects {now.Reconnects}"));
        };
    }
}

/// <summary>Hands a progress snapshot to <c>report</c> once a second until disposed.</summary>
internal sealed class BotsProgressReporter : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public BotsProgressReporter(Func<BotsProgress> snapshot, Action<BotsProgress> report) =>
        _loop = LoopAsync(snapshot, report, _stop.Token);

    public void Dispose()
    {
        _stop.Cancel();
        _loop.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        _stop.Dispose();
    }

    private static async Task LoopAsync(Func<BotsProgress> snapshot, Action<BotsProgress> report, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            report(snapshot());
        }
    }
}
