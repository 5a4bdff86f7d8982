using GameServer.Cluster;
using GameServer.Configuration;
using GameServer.Jobs;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using GameServer.Storage.Postgres;
using GameServer.World;

namespace GameServer.Monsters;

/// <summary>Registers monsters: the world in memory, its behaviour, feed and jobs, the store, the service, the methods and the schema-5 migration that seeds them.</summary>
public static class MonstersFeature
{
    public static IServiceCollection AddMonsters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MonstersOptions>(configuration, MonstersOptions.Section);
        services.AddStore<IMonsterStore, LiteDbMonsterStore, PostgresMonsterStore>(configuration);
        services.AddSingleton<MonsterWorld>();
        services.AddSingleton<MonsterFeed>();
        services.AddSingleton<IWorldFeed>(sp => sp.GetRequiredService<MonsterFeed>());
        services.AddWorld();
        services.AddSingleton<MonsterBehaviour>();
        services.AddSingleton<MonsterService>();
        services.AddHostedService<MonsterWorldHost>();
        if (ClusterOptions.EnabledIn(configuration))
        {
            services.AddSingleton<MonstersAcrossNodes>();
            services.AddSingleton<IChangeRelay>(sp => sp.GetRequiredService<MonstersAcrossNodes>());
            services.AddHostedService(sp => sp.GetRequiredService<MonstersAcrossNodes>());
        }

        services.AddJob<MonsterTickJob>();
        services.AddJob<MonsterPersistJob>();
        services.AddSingleton<MonstersRpc>();
        services.AddSingleton<IMigration, MonstersMigration>();
        services.AddSingleton<IPostgresMigration, PostgresMonstersSeedMigration>();
        return services;
    }
}
