using GameServer.Accounts;
using GameServer.Storage;

namespace GameServer.Players;

/// <summary>Registers players and the world they live in.</summary>
public static class PlayersFeature
{
    public static IServiceCollection AddPlayers(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorldOptions>(configuration.GetSection(WorldOptions.Section));
        services.AddSingleton<PlayerStore>();
        services.AddSingleton<IAccountProvisioner>(sp => sp.GetRequiredService<PlayerStore>());
        services.AddSingleton<IMigration, PlayerIndexesMigration>();
        return services;
    }
}
