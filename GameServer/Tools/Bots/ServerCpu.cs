using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>
/// Reads the CPU time so far of each node the bots load, in the order of their URLs: from the
/// processes the bots started, or from <c>/proc</c> for the PIDs given with <c>--server-pid</c>.
/// </summary>
internal sealed class ServerCpu(IReadOnlyList<Func<TimeSpan>> nodes)
{
    private readonly Func<TimeSpan>[] _nodes = [.. nodes];

    public static ServerCpu OfPids(IEnumerable<int> pids) => new([.. pids.Select(pid => (Func<TimeSpan>)(() => ProcessCpu.Of(pid)))]);

    /// <summary>Every node's CPU time now; empty when the processes are unknown.</summary>
    public static TimeSpan[] Read(ServerCpu? cpu) => cpu is null ? [] : [.. cpu._nodes.Select(read => read())];

    /// <summary>Each node's CPU seconds between two readings; NaN for every node when the processes are unknown.</summary>
    public static double[] Between(int nodes, TimeSpan[] before, TimeSpan[] after) =>
        before.Length == nodes && after.Length == nodes
            ? [.. before.Zip(after, (b, a) => (a - b).TotalSeconds)]
            : [.. Enumerable.Repeat(double.NaN, nodes)];
}
