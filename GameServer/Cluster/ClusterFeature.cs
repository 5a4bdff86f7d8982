using GameServer.Configuration;
using GameServer.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// Registers cluster mode when <c>Cluster:Redis</c> is set: the Redis connection the nodes meet through.
/// Without it nothing here is registered and the server is one process, as it always was.
/// </summary>
public static class ClusterFeature
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClusterOptions>(configuration, ClusterOptions.Section)
            .Validate(
                options => !options.Enabled || StorageOptions.ProviderIn(configuration) == StorageProvider.Postgres,
                "Cluster:Redis needs Storage:Provider=Postgres: the nodes share one database, and a LiteDB file belongs to one process");
        if (!ClusterOptions.EnabledIn(configuration))
        {
            return services;
        }

        services.AddSingleton<IConnectionMultiplexer>(sp => Connect(sp.GetRequiredService<IOptions<ClusterOptions>>().Value));
        return services;
    }

    // Not aborting when Redis is down at start: the node serves its own sessions and joins once Redis answers.
    private static ConnectionMultiplexer Connect(ClusterOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= options.NodeId;
        return ConnectionMultiplexer.Connect(configuration);
    }
}
