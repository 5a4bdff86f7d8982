using GameServer.Cluster.Leases;
using GameServer.Jobs;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Cluster;

/// <summary>
/// Several nodes of one game in this process: one PostgreSQL database, one Redis under a game name of
/// their own, and one virtual clock, advanced for all of them at once.
/// </summary>
internal sealed class ClusterNodes : IAsyncDisposable
{
    private readonly List<InProcessServer> _nodes = [];
    private readonly string[] _settings;

    private ClusterNodes(string[] settings) => _settings = settings;

    public VirtualClock Clock { get; } = new();

    public IReadOnlyList<InProcessServer> Nodes => _nodes;

    public InProcessServer this[int index] => _nodes[index];

    /// <summary>Starts <paramref name="count"/> nodes with <paramref name="settings"/> besides the cluster's own.</summary>
    public static async Task<ClusterNodes> StartAsync(int count, params string[] settings)
    {
        var cluster = new ClusterNodes(
        [
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}",
            $"--Cluster:Redis={TestRedis.Shared.Configuration}", $"--Cluster:Name={TestRedis.GameName()}",
            .. settings,
        ]);
        try
        {
            for (var node = 0; node < count; node++)
            {
                await cluster.AddNodeAsync();
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public async Task<InProcessServer> AddNodeAsync()
    {
        var node = await InProcessServer.StartAsync(Clock.Register, [.. _settings, $"--Cluster:NodeId=node-{_nodes.Count + 1}"]);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Stops one node gracefully (its leases released) and forgets it.</summary>
    public async Task StopAsync(InProcessServer node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    /// <summary>
    /// Advances the clock a tenth of a second at a time; after each step waits for every node's lease
    /// heartbeats and job runs that fell due, so that Redis has answered before time moves on.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan time)
    {
        var target = Clock.Now + time;
        while (Clock.Now < target)
        {
            Clock.Time.Advance(TimeSpan.FromMilliseconds(100));
            foreach (var node in _nodes)
            {
                await node.Services.GetRequiredService<RedisLeases>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10), TestContext.CurrentContext.CancellationToken);
                await node.Services.GetRequiredService<JobScheduler>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10), TestContext.CurrentContext.CancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _nodes.Clear();
    }
}
