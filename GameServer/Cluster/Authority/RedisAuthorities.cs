using System.Collections.Concurrent;
using GameServer.Cluster.Leases;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameServer.Cluster.Authority;

/// <summary>The authorities of this node in cluster mode: each held through the lease of its name (<see cref="RedisAuthority"/>).</summary>
public sealed class RedisAuthorities(
    ILeases leases,
    IConnectionMultiplexer redis,
    LocalNode node,
    PostgresFence fence,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : IAuthorities, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RedisAuthority>> _authorities = new(StringComparer.Ordinal);

    public IAuthority Get(string name) =>
        _authorities.GetOrAdd(name, n => new Lazy<RedisAuthority>(() =>
            new RedisAuthority(leases.Get(n), redis, node, fence, options.Value, time, lifetime, loggers.CreateLogger<RedisAuthority>()))).Value;

    public void Dispose()
    {
        foreach (var authority in _authorities.Values.Where(a => a.IsValueCreated))
        {
            authority.Value.Dispose();
        }
    }
}
