using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>
/// One run of the bots, in a form that adds up: the histograms and counts of several processes merge
/// into the result of one run. Moves and arrivals are those of the moves sent in the measured window
/// (wherever their answer or arrival falls); messages, those sent and received in it; round trips,
/// errors and reconnects, the whole run (joining included). <c>ServerCpuSeconds</c> is the sum of the
/// nodes' (one node without a cluster); <c>OutOfPlay</c>, each reconnect's time from the loss to the
/// bot's first action answered again.
/// </summary>
internal sealed record BotsResult(
    int Bots,
    int Connected,
    double WindowSeconds,
    LatencyHistogram Arrivals,
    IReadOnlyDictionary<string, LatencyHistogram> RoundTrips,
    WindowCounts Window,
    long CameIntoView,
    long Unmatched,
    long Registered,
    long LoggedIn,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long> Reconnects,
    double ServerCpuSeconds,
    double BotsCpuSeconds,
    LatencyHistogram OutOfPlay,
    IReadOnlyList<NodeFigures> Nodes)
{
    /// <summary>Player updates that reached a bot already watching the mover, per second: a move seen by 199 others counts 199.</summary>
    public double DeliveredPerSecond => Arrivals.Count / WindowSeconds;

    public double AcceptedPerSecond => Window.MovesAccepted / WindowSeconds;

    /// <summary>Arrivals per accepted move: bots minus one for the whole world, when no move is coalesced away.</summary>
    public double FanOut => Window.MovesAccepted == 0 ? double.NaN : (double)Arrivals.Count / Window.MovesAccepted;

    /// <summary>Server CPU seconds per wall second; NaN when the server's process is unknown.</summary>
    public double ServerCores => ServerCpuSeconds / WindowSeconds;

    public double BotsCores => BotsCpuSeconds / WindowSeconds;

    /// <summary>Adds up the bots' counters and histograms; call once every bot is disposed.</summary>
    public static BotsResult Of(
        IReadOnlyList<Bot> bots, Swarm swarm, int connected, WindowCounts window, double windowSeconds, IReadOnlyList<NodeFigures> nodes, double botsCpuSeconds)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(bots);
        ArgumentNullException.ThrowIfNull(swarm);
        var arrivals = new LatencyHistogram();
        var roundTrips = new Dictionary<string, LatencyHistogram>(StringComparer.Ordinal);
        foreach (var bot in bots)
        {
            arrivals.Add(bot.Arrivals);
            foreach (var (method, histogram) in bot.RoundTrips)
            {
                Merge(roundTrips, method, histogram);
            }
        }

        return new BotsResult(
            bots.Count, connected, windowSeconds, arrivals, roundTrips, window,
            bots.Sum(b => b.CameIntoView), bots.Sum(b => b.Unmatched), swarm.Registered, swarm.LoggedIn,
            swarm.Errors.Snapshot(), swarm.Reconnects.Snapshot(), nodes.Sum(n => n.CpuSeconds), botsCpuSeconds, swarm.OutOfPlay, nodes);
    }

    /// <summary>The results of processes that ran at the same time against the same server, as one run.</summary>
    public static BotsResult Merge(IReadOnlyList<BotsResult> parts, IReadOnlyList<double> nodeCpuSeconds)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var arrivals = new LatencyHistogram();
        var outOfPlay = new LatencyHistogram();
        var roundTrips = new Dictionary<string, LatencyHistogram>(StringComparer.Ordinal);
        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        var reconnects = new Dictionary<string, long>(StringComparer.Ordinal);
        var window = new WindowCounts(0, 0, 0, 0, 0, 0, 0);
        foreach (var part in parts)
        {
            arrivals.Add(part.Arrivals);
            outOfPlay.Add(part.OutOfPlay);
            foreach (var (method, histogram) in part.RoundTrips)
            {
                Merge(roundTrips, method, histogram);
            }

            Sum(errors, part.Errors);
            Sum(reconnects, part.Reconnects);
            window += part.Window;
        }

        return new BotsResult(
            parts.Sum(p => p.Bots), parts.Sum(p => p.Connected), parts.Max(p => p.WindowSeconds), arrivals, roundTrips, window,
            parts.Sum(p => p.CameIntoView), parts.Sum(p => p.Unmatched), parts.Sum(p => p.Registered), parts.Sum(p => p.LoggedIn),
            errors, reconnects, nodeCpuSeconds.Sum(), parts.Sum(p => p.BotsCpuSeconds), outOfPlay,
            NodeFigures.Merge([.. parts.Select(p => p.Nodes)], nodeCpuSeconds));
    }

    public override string ToString() =>
        $"{Connected}/{Bots} bots connected, {AcceptedPerSecond:0} moves/s, {DeliveredPerSecond:0} updates/s delivered, " +
        $"p99 {Arrivals.PercentileMs(0.99):0.0} ms, errors {Errors.Values.Sum()}, reconnects {Reconnects.Values.Sum()}";

    private static void Merge(Dictionary<string, LatencyHistogram> into, string method, LatencyHistogram histogram)
    {
        if (!into.TryGetValue(method, out var sum))
        {
            into[method] = sum = new LatencyHistogram();
        }

        sum.Add(histogram);
    }

    private static void Sum(Dictionary<string, long> into, IReadOnlyDictionary<string, long> counts)
    {
        foreach (var (kind, count) in counts)
        {
            into[kind] = into.GetValueOrDefault(kind) + count;
        }
    }
}

/// <summary>The bots' counters added up at one moment; the difference of two is what happened between them.</summary>
internal readonly record struct WindowCounts(long MovesSent, long MovesAccepted, long MovesRefused, long Mispredicted, long MessagesOut, long MessagesIn, long UpdatesIn)
{
    /// <summary>The messages so far, and the moves sent in the window so far.</summary>
    public static WindowCounts Of(IEnumerable<Bot> bots)
    {
        var sum = new WindowCounts(0, 0, 0, 0, 0, 0, 0);
        foreach (var bot in bots)
        {
            var c = bot.Counters;
            var (sent, accepted, refused, mispredicted) = c.Measured;
            sum += new WindowCounts(sent, accepted, refused, mispredicted, c.MessagesOut, c.MessagesIn, c.UpdatesIn);
        }

        return sum;
    }

    /// <summary>The messages between two readings, and the moves of <paramref name="measured"/>, read once every answer is in.</summary>
    public static WindowCounts Between(WindowCounts open, WindowCounts close, WindowCounts measured) =>
        (close - open) with
        {
            MovesSent = measured.MovesSent,
            MovesAccepted = measured.MovesAccepted,
            MovesRefused = measured.MovesRefused,
            Mispredicted = measured.Mispredicted,
        };

    public static WindowCounts operator +(WindowCounts a, WindowCounts b) => new(
        a.MovesSent + b.MovesSent, a.MovesAccepted + b.MovesAccepted, a.MovesRefused + b.MovesRefused, a.Mispredicted + b.Mispredicted,
        a.MessagesOut + b.MessagesOut, a.MessagesIn + b.MessagesIn, a.UpdatesIn + b.UpdatesIn);

    public static WindowCounts operator -(WindowCounts a, WindowCounts b) => new(
        a.MovesSent - b.MovesSent, a.MovesAccepted - b.MovesAccepted, a.MovesRefused - b.MovesRefused, a.Mispredicted - b.Mispredicted,
        a.MessagesOut - b.MessagesOut, a.MessagesIn - b.MessagesIn, a.UpdatesIn - b.UpdatesIn);
}
