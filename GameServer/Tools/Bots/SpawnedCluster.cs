using System.Globalization;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>
/// <c>--spawn-server</c> on PostgreSQL, and with <c>--nodes N</c> a cluster: N GameServer nodes as
/// child processes on free loopback ports, one database (<c>--postgres</c>), one Redis
/// (<c>--redis</c>) under a game name of their own per run (a fresh <c>Cluster:Name</c>: a run never
/// meets an earlier run's heartbeats, leases or presence), named <c>node-0</c> ... Each is killed by
/// its own PID when disposed.
/// </summary>
internal sealed class SpawnedCluster : IDisposable
{
    // PostgreSQL's first migration and the world's loading on a loaded 2-core machine: generous.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    // By index, so the URLs' order is the nodes' names' whatever order they started in.
    private readonly ServerProcess?[] _nodes;

    private SpawnedCluster(string name, int count) => (Name, _nodes) = (name, new ServerProcess?[count]);

    /// <summary>The nodes' <c>Cluster:Name</c>.</summary>
    public string Name { get; }

    public ValueList<Uri> Urls => new([.. _nodes.Select(n => n!.WebSocketAddress)]);

    public ServerCpu Cpu => new([.. _nodes.Select(n => (Func<TimeSpan>)n!.CpuTime)]);

    public static async Task<SpawnedCluster> StartAsync(BotsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = new SpawnedCluster($"bots-{Guid.NewGuid():N}"[..13], options.Nodes);
        try
        {
            // Node 0 alone first: it migrates the database (the others would wait on the migration's
            // lock anyway) and so takes the world's lease first; then the others together.
            await cluster.StartNodeAsync(0, options, cancellationToken);
            await Task.WhenAll(Enumerable.Range(1, options.Nodes - 1).Select(i => cluster.StartNodeAsync(i, options, cancellationToken)));
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Node <paramref name="index"/>'s settings: the ones a cluster on one machine needs, as docs/cluster.md writes them.</summary>
    internal static IEnumerable<string> Settings(int index, string name, BotsOptions options)
    {
        yield return "--Storage:Provider=Postgres";
        yield return $"--Storage:ConnectionString={options.Postgres}";
        if (options.Redis is { } redis)
        {
            yield return $"--Cluster:Redis={redis}";
            yield return $"--Cluster:Name={name}";
            yield return string.Create(CultureInfo.InvariantCulture, $"--Cluster:NodeId=node-{index}");
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"--World:Width={options.Width}");
        yield return string.Create(CultureInfo.InvariantCulture, $"--World:Height={options.Height}");
        yield return "--Serilog:MinimumLevel:Default=Warning";
        yield return "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning";
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node?.Dispose();
        }
    }

    private async Task StartNodeAsync(int index, BotsOptions options, CancellationToken cancellationToken)
    {
        var node = ServerProcess.Start(string.Create(CultureInfo.InvariantCulture, $"node-{index}"), Settings(index, Name, options));
        _nodes[index] = node;

        await node.WaitHealthyAsync(StartTimeout, cancellationToken);
        Console.Error.WriteLine($"node-{index} pid {node.Id} at {node.WebSocketAddress}");
    }
}
