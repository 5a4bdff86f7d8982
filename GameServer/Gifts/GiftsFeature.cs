using GameServer.Jobs;

namespace GameServer.Gifts;

/// <summary>Registers the gift job (configuration: <c>Gifts:Enabled</c>, <c>Gifts:Interval</c>).</summary>
public static class GiftsFeature
{
    public static IServiceCollection AddGifts(this IServiceCollection services) => services.AddJob<GiftJob>();
}
