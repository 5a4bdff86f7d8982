using GameServer.Configuration;

namespace GameServer.Storage;

/// <summary>Registers the database file, its migrations runner and its health check.</summary>
public static class StorageFeature
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddSingleton<GameDatabase>();
        services.AddSingleton<StoreMetrics>();
        services.AddSingleton<MigrationRunner>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    /// <summary>Brings the file's schema up to date; call before the server takes requests.</summary>
    public static WebApplication MigrateStorage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<MigrationRunner>().Run();

        // Checkpoint on the way out, so the data file alone holds every acknowledged write.
        var database = app.Services.GetRequiredService<GameDatabase>();
        app.Lifetime.ApplicationStopped.Register(database.Checkpoint);
        return app;
    }
}
