using GameServer.Cluster.Authority;
using GameServer.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GameServer.World;

/// <summary>
/// Registers the world's one patch job and its authority; each kind of entity registers its feed as an
/// <see cref="IWorldFeed"/> and, in cluster mode, its <see cref="IChangeRelay"/>.
/// </summary>
public static class WorldFeature
{
    /// <summary>
    /// The world's authority and lease: its owner in cluster mode applies moves, ticks and saves. Keyed by
    /// the world's id, so that several worlds can one day be owned by different nodes.
    /// </summary>
    public const string AuthorityName = "world:default";

    public static IServiceCollection AddWorld(this IServiceCollection services)
    {
        services.TryAddSingleton<WorldPatches>();
        services.AddJob<WorldPatchJob>();
        services.TryAddSingleton<IAuthority>(sp => sp.GetRequiredService<IAuthorities>().Get(AuthorityName));
        return services;
    }
}
