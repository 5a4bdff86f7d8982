using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace GameServer.Cluster;

/// <summary>
/// This process among the nodes: its id and the roles it holds now. Other code adds and removes roles
/// (the world's owner, the jobs' runner); the heartbeat publishes them.
/// </summary>
public sealed class LocalNode(IOptions<ClusterOptions> options)
{
    private readonly ConcurrentDictionary<string, byte> _roles = new(StringComparer.Ordinal);
    private string? _id = string.IsNullOrWhiteSpace(options.Value.NodeId) ? null : options.Value.NodeId;

    /// <summary>
    /// Tells this process's messages from other nodes' on the bus: unique per start, unlike
    /// <see cref="Id"/>, which a restarted node keeps.
    /// </summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary><c>Cluster:NodeId</c>, or host and port once the server listens; null before then.</summary>
    public string? Id => Volatile.Read(ref _id);

    /// <summary>The roles held now, sorted.</summary>
    public IReadOnlyList<string> Roles => [.. _roles.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Takes on <paramref name="role"/> (e.g. <c>world-owner</c>); the next heartbeat says so.</summary>
    public void AddRole(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        _roles.TryAdd(role, 0);
    }

    /// <summary>Gives up <paramref name="role"/>; the next heartbeat says so.</summary>
    public void RemoveRole(string role) => _roles.TryRemove(role, out _);

    /// <summary>Names the node after the first address the server listens on, unless <c>Cluster:NodeId</c> named it.</summary>
    internal string Resolve(IEnumerable<string> listeningAddresses)
    {
        if (Id is { } configured)
        {
            return configured;
        }

        var first = listeningAddresses.Select(a => Uri.TryCreate(a.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is not null);
        var host = first is null || IsWildcard(first.Host) ? Dns.GetHostName() : first.Host;
        var id = first is null ? host : $"{host}:{first.Port}";
        Interlocked.CompareExchange(ref _id, id, null);
        return Id!;
    }

    // Listening on every address says nothing of where the node is: the machine's name does.
    private static bool IsWildcard(string host) =>
        host is "0.0.0.0" or "[::]" or "::" || (IPAddress.TryParse(host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)));
}
