using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace GameServer.Cluster.Leases;

/// <summary>
/// This node's leases in cluster mode, each competed for from first use until the server stops, then
/// released so that another node takes over at its next heartbeat rather than after the timeout.
/// The holder's name is the node id and a random suffix: a restarted node (or a second node in one test
/// process) is a new holder, which never mistakes an old lease for its own.
/// </summary>
public sealed class RedisLeases(ILeaseStore store, IOptions<ClusterOptions> options, TimeProvider time, ILoggerFactory loggers) : ILeases, IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Lease>> _leases = new();
    private readonly ClusterOptions _options = options.Value;
    private readonly ILogger _logger = loggers.CreateLogger<Lease>();
    private bool _stopped;

    /// <summary>Who holds this node's leases, as written in Redis.</summary>
    public string Holder { get; } = $"{(string.IsNullOrWhiteSpace(options.Value.NodeId) ? Environment.MachineName : options.Value.NodeId)}#{Guid.NewGuid().ToString("N")[..8]}";

    public ILease Get(string name)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        return _leases.GetOrAdd(name, n => new Lazy<Lease>(() => new Lease(n, store, Holder, _options.LeaseTimeout, _options.HeartbeatInterval, time, _logger))).Value;
    }

    /// <summary>Completes when no lease has a heartbeat in progress (for tests in virtual time).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_leases.Values.Where(l => l.IsValueCreated).Select(l => l.Value.WhenIdleAsync()));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await Task.WhenAll(_leases.Values.Where(l => l.IsValueCreated).Select(l => l.Value.DisposeAsync().AsTask()));
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
