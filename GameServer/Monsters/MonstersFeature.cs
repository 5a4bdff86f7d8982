using GameServer.Storage;

namespace GameServer.Monsters;

/// <summary>Registers monsters: options, store, service, JSON-RPC methods and the schema-5 migration that seeds them.</summary>
public static class MonstersFeature
{
    public static IServiceCollection AddMonsters(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MonstersOptions>(configuration.GetSection(MonstersOptions.Section));
        services.AddSingleton<MonsterStore>();
        services.AddSingleton<MonsterService>();
        services.AddSingleton<MonstersRpc>();
        services.AddSingleton<IMigration, MonstersMigration>();
        return services;
    }
}
