using GameServer.Accounts;
using GameServer.Cluster;
using GameServer.Jobs;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameServer.Leaderboards;

/// <summary>
/// Registers the leaderboards: the boards in memory, their feed, store, persistence job, the schema-10
/// migration and the methods. Add after Players, Monsters and Gifts, whose events it follows.
/// </summary>
public static class LeaderboardsFeature
{
    public static IServiceCollection AddLeaderboards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var accounts = sp.GetRequiredService<IAccountStore>();
            return new UsernameBook(id => accounts.FindUser(id)?.Username);
        });
        if (ClusterOptions.EnabledIn(configuration))
        {
            services.AddSingleton(sp => new RedisStandings(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<ClusterOptions>>().Value.Name, sp.GetRequiredService<ILogger<RedisStandings>>()));
        }

        services.AddSingleton<LeaderboardService>();
        services.AddSingleton<LeaderboardFeed>();
        services.AddStore<ILeaderboardStore, LiteDbLeaderboardStore, PostgresLeaderboardStore>(configuration);
        services.AddSingleton<LeaderboardPersistence>();
        services.AddSingleton<LeaderboardsRpc>();
        services.AddSingleton<IMigration, LeaderboardMigration>();
        services.AddHostedService<LeaderboardHost>();
        services.AddJob<LeaderboardPersistJob>();
        return services;
    }
}
