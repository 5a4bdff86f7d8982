using GameServer.Jobs;

namespace GameServer.World;

/// <summary>Registers the world's one patch job; each kind of entity registers its feed as an <see cref="IWorldFeed"/>.</summary>
public static class WorldFeature
{
    public static IServiceCollection AddWorld(this IServiceCollection services)
    {
        services.AddJob<WorldPatchJob>();
        return services;
    }
}
