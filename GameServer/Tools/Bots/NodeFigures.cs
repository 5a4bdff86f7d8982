using GameServer.Tools.Benchmarks;
using GameServer.World;

namespace GameServer.Tools.Bots;

/// <summary>
/// One node's share of a run: the bots that joined it (by <see cref="Bot.HomeNode"/>, wherever a
/// reconnect took them later), the moves that arrived at them from bots on every node, and the node's
/// CPU over the window (NaN when its process is unknown). <see cref="Id"/> and <see cref="Roles"/> are
/// what the node's <c>system.info</c> said at the end (its id in the cluster, <c>world:default</c> for
/// the world's owner); null and empty when not asked or not answering.
/// </summary>
internal sealed record NodeFigures(Uri Url, int Bots, int Joined, LatencyHistogram Arrivals, double CpuSeconds)
{
    public string? Id { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The figures of each node of <paramref name="urls"/>, in their order; call once every bot is disposed.</summary>
    public static IReadOnlyList<NodeFigures> Of(IReadOnlyList<Bot> bots, ValueList<Uri> urls, IReadOnlyList<double> cpuSeconds)
    {
        ArgumentNullException.ThrowIfNull(bots);
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(cpuSeconds);
        return [.. urls.Select((url, node) =>
        {
            var arrivals = new LatencyHistogram();
            var (count, joined) = (0, 0);
            foreach (var bot in bots.Where(b => b.HomeNode == node))
            {
                count++;
                joined += bot.PlayerId != 0 ? 1 : 0;
                arrivals.Add(bot.Arrivals);
            }

            return new NodeFigures(url, count, joined, arrivals, cpuSeconds[node]);
        })];
    }

    /// <summary>The same nodes' figures from processes that ran at the same time, added up; the CPU is the parent's reading.</summary>
    public static IReadOnlyList<NodeFigures> Merge(IReadOnlyList<IReadOnlyList<NodeFigures>> parts, IReadOnlyList<double> cpuSeconds)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(cpuSeconds);
        return [.. parts[0].Select((first, node) =>
        {
            var arrivals = new LatencyHistogram();
            foreach (var part in parts)
            {
                arrivals.Add(part[node].Arrivals);
            }

            return new NodeFigures(first.Url, parts.Sum(p => p[node].Bots), parts.Sum(p => p[node].Joined), arrivals, cpuSeconds[node]);
        })];
    }

    /// <summary>CPU seconds per wall second over the window.</summary>
    public double Cores(double windowSeconds) => CpuSeconds / windowSeconds;

    /// <summary>Whether this node owned the world at the end of the run.</summary>
    public bool OwnsWorld => Roles.Contains(WorldFeature.AuthorityName);
}
