using GameServer.Configuration;
using GameServer.Jobs;

namespace GameServer.Gifts;

/// <summary>Registers the gift job and its feed (configuration: <c>Gifts:Enabled</c>, <c>Gifts:Interval</c>, <c>Gifts:ActiveWithin</c>).</summary>
public static class GiftsFeature
{
    public static IServiceCollection AddGifts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GiftsOptions>(configuration, GiftsOptions.Section);
        services.AddSingleton<GiftFeed>();
        return services.AddJob<GiftJob>();
    }
}
