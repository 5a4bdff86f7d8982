using GameServer.Cluster;
using GameServer.Configuration;
using StackExchange.Redis;

namespace GameServer.Limits;

/// <summary>
/// Registers the <c>Limits</c> settings, checked at start-up, and where the limits that protect accounts
/// count: this process's memory, or in cluster mode the game's Redis, so that every node counts into one.
/// </summary>
public static class LimitsFeature
{
    public static IServiceCollection AddLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LimitsOptions>(configuration, LimitsOptions.Section);
        if (ClusterOptions.EnabledIn(configuration))
        {
            services.AddSingleton<ISharedTokenBucketsFactory>(sp => new RedisTokenBucketsFactory(
                sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>(), sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<ISharedTokenBucketsFactory, LocalTokenBucketsFactory>();
        }

        return services;
    }
}
