using GameServer.Configuration;
using GameServer.Jobs;
using GameServer.Storage;
using GameServer.Storage.LiteDb;

namespace GameServer.Analytics;

/// <summary>
/// Registers game analytics: its settings (checked at start-up), buffer, instruments, store, the write
/// and roll-up jobs, the LiteDB schema-11 migration (PostgreSQL: schema 3, <c>0003_analytics.sql</c>) and the admin methods. Add after the features whose events
/// it follows (Accounts, Players, Gifts, Monsters, Chat) and before Jobs.
/// </summary>
public static class AnalyticsFeature
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AnalyticsOptions>(configuration, AnalyticsOptions.Section);
        services.AddMetrics();
        services.AddSingleton<AnalyticsMetrics>();
        services.AddSingleton<AnalyticsBuffer>();
        services.AddSingleton<AnalyticsSessions>();
        services.AddStore<IAnalyticsStore, LiteDbAnalyticsStore, PostgresAnalyticsStore>(configuration);
        services.AddSingleton<AnalyticsWriter>();
        services.AddSingleton<AnalyticsService>();
        services.AddSingleton<AnalyticsRpc>();
        services.AddSingleton<IMigration, AnalyticsMigration>();
        services.AddHostedService<AnalyticsHost>();
        services.AddJob<AnalyticsWriteJob>();
        services.AddJob<AnalyticsRollUpJob>();
        return services;
    }
}
