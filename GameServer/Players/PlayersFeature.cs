using GameServer.Accounts;
using GameServer.Cluster;
using GameServer.Configuration;
using GameServer.Jobs;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using GameServer.World;

namespace GameServer.Players;

/// <summary>Registers players: the world in memory, its feed, its save job, its store and its methods.</summary>
public static class PlayersFeature
{
    public static IServiceCollection AddPlayers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WorldOptions>(configuration, WorldOptions.Section);
        services.AddStore<IPlayerStore, LiteDbPlayerStore, PostgresPlayerStore>(configuration);
        services.AddSingleton<IAccountProvisioner>(sp => sp.GetRequiredService<IPlayerStore>());
        services.AddSingleton<IMigration, PlayerIndexesMigration>();
        services.AddSingleton<PlayerWorld>();
        services.AddSingleton<PlayerFeed>();
        services.AddSingleton<IWorldFeed>(sp => sp.GetRequiredService<PlayerFeed>());
        services.AddSingleton<PlayersRpc>();
        services.AddHostedService<PlayerWorldHost>();
        if (ClusterOptions.EnabledIn(configuration))
        {
            services.AddSingleton<PlayersAcrossNodes>();
            services.AddSingleton<IChangeRelay>(sp => sp.GetRequiredService<PlayersAcrossNodes>());
            services.AddHostedService(sp => sp.GetRequiredService<PlayersAcrossNodes>());
        }

        services.AddWorld();
        services.AddJob<PlayerPersistJob>();
        return services;
    }
}
