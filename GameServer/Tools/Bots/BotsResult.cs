using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>One run of the bots: the moves sent in the measured window, their arrivals at the other bots, and the CPU used meanwhile.</summary>
internal sealed record BotsResult(
    int Bots,
    double WindowSeconds,
    long MovesSent,
    long MovesAccepted,
    long MovesRefused,
    long MovesFailed,
    long Mispredicted,
    long Arrivals,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double MoveP50Ms,
    double MoveP99Ms,
    long CameIntoView,
    long Unmatched,
    double ServerCpuSeconds,
    double BotsCpuSeconds)
{
    /// <summary>Player updates that reached a bot already watching the mover, per second: a move seen by 199 others counts 199.</summary>
    public double DeliveredPerSecond => Arrivals / WindowSeconds;

    public double AcceptedPerSecond => MovesAccepted / WindowSeconds;

    /// <summary>Arrivals per accepted move: bots minus one for the whole world, when no move is coalesced away.</summary>
    public double FanOut => MovesAccepted == 0 ? double.NaN : (double)Arrivals / MovesAccepted;

    /// <summary>Server CPU seconds per wall second; NaN when the server's process is unknown.</summary>
    public double ServerCores => ServerCpuSeconds / WindowSeconds;

    public double BotsCores => BotsCpuSeconds / WindowSeconds;

    /// <summary>Adds up the bots' counters and histograms; call once every bot is disposed.</summary>
    public static BotsResult Of(IReadOnlyList<Bot> bots, double windowSeconds, double serverCpuSeconds, double botsCpuSeconds)
    {
        ArgumentNullException.ThrowIfNull(bots);
        var arrivals = new LatencyHistogram();
        var moves = new LatencyHistogram();
        foreach (var bot in bots)
        {
            arrivals.Add(bot.Arrivals);
            moves.Add(bot.MoveRoundTrips);
        }

        return new BotsResult(
            bots.Count,
            windowSeconds,
            bots.Sum(b => b.MovesSent),
            bots.Sum(b => b.MovesAccepted),
            bots.Sum(b => b.MovesRefused),
            bots.Sum(b => b.MovesFailed),
            bots.Sum(b => b.Mispredicted),
            arrivals.Count,
            arrivals.PercentileMs(0.50),
            arrivals.PercentileMs(0.90),
            arrivals.PercentileMs(0.99),
            arrivals.MaxMs,
            moves.PercentileMs(0.50),
            moves.PercentileMs(0.99),
            bots.Sum(b => b.CameIntoView),
            bots.Sum(b => b.Unmatched),
            serverCpuSeconds,
            botsCpuSeconds);
    }
}
