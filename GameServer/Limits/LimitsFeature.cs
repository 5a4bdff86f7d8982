using GameServer.Configuration;

namespace GameServer.Limits;

/// <summary>Registers the <c>Limits</c> settings, checked at start-up.</summary>
public static class LimitsFeature
{
    public static IServiceCollection AddLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LimitsOptions>(configuration, LimitsOptions.Section);
        return services;
    }
}
