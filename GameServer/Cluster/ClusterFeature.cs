using GameServer.Cluster.Authority;
using GameServer.Cluster.Leases;
using GameServer.Configuration;
using GameServer.Jobs;
using GameServer.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// Registers cluster mode when <c>Cluster:Redis</c> is set: the Redis connection the nodes meet through,
/// the bus's transport, presence and heartbeat in Redis, the leases in Redis, the gate that runs
/// once-per-cluster jobs on one node, and the authorities (the world's owner) with their fenced writes. Without it the bus, presence and the sessions' delivery stay
/// within the one process, the leases are always this process's, and nothing here talks to Redis.
/// </summary>
public static class ClusterFeature
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClusterOptions>(configuration, ClusterOptions.Section)
            .Validate(
                options => !options.Enabled || StorageOptions.ProviderIn(configuration) == StorageProvider.Postgres,
                "Cluster:Redis needs Storage:Provider=Postgres: the nodes share one database, and a LiteDB file belongs to one process");

        // The same bus, sessions' delivery and presence on one node: they simply never leave the process.
        services.AddSingleton<LocalNode>();
        services.AddSingleton(sp => new ClusterBus(sp.GetRequiredService<ILogger<ClusterBus>>(), sp.GetService<IBusTransport>()));
        services.AddSingleton<SessionBus>();
        services.AddSingleton<Presence>();
        services.AddSingleton<ClusterNodes>();
        if (!ClusterOptions.EnabledIn(configuration))
        {
            services.AddSingleton<ILeases, LocalLeases>();
            services.AddSingleton<IAuthorities, LocalAuthorities>();
            return services;
        }

        services.AddSingleton<IConnectionMultiplexer>(sp => Connect(sp.GetRequiredService<IOptions<ClusterOptions>>().Value));
        services.AddSingleton(sp => new ClusterKeys(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.Name));
        services.AddSingleton<RedisBusTransport>();
        services.AddSingleton<IBusTransport>(sp => sp.GetRequiredService<RedisBusTransport>());
        services.AddSingleton<RedisPresence>();
        services.AddHostedService<NodeHeartbeat>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded);

        services.AddSingleton<ILeaseStore>(sp => new RedisLeaseStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<ClusterOptions>>().Value.Name));

        // A hosted service registered before the jobs: stopped after them, it releases the leases once no run is left.
        services.AddSingleton<RedisLeases>();
        services.AddSingleton<ILeases>(sp => sp.GetRequiredService<RedisLeases>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisLeases>());
        services.AddSingleton<IJobRunGate, LeasedJobGate>();
        services.AddSingleton<PostgresFence>();
        services.AddSingleton<IAuthorities, RedisAuthorities>();
        return services;
    }

    // Not aborting when Redis is down at start: the node serves its own sessions and joins once Redis answers.
    private static ConnectionMultiplexer Connect(ClusterOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= options.NodeId;

        // While Redis is away a command fails at once instead of queueing: a degraded node drops
        // what would cross nodes rather than replaying stale chat and presence when Redis is back.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(configuration);
    }
}
