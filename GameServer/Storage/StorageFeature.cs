using GameServer.Configuration;
using GameServer.Storage.Backup;
using GameServer.Storage.LiteDb;
using GameServer.Storage.Postgres;

namespace GameServer.Storage;

/// <summary>
/// Registers the database of <c>Storage:Provider</c> (a LiteDB file or a PostgreSQL database), its
/// migrations runner, the stores' metrics and the health check. Features register their stores with
/// <see cref="AddStore{TStore, TLiteDb, TPostgres}"/>, which picks the implementation of that provider.
/// </summary>
public static class StorageFeature
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddMetrics();
        services.AddSingleton<StoreMetrics>();
        if (StorageOptions.ProviderIn(configuration) == StorageProvider.Postgres)
        {
            services.AddSingleton<PostgresDatabase>();
            services.AddSingleton<IDatabaseHealth>(sp => sp.GetRequiredService<PostgresDatabase>());
            services.AddSingleton<PostgresMigrationRunner>();
        }
        else
        {
            services.AddSingleton<GameDatabase>();
            services.AddSingleton<IDatabaseHealth>(sp => sp.GetRequiredService<GameDatabase>());
            services.AddSingleton<MigrationRunner>();
            services.AddSingleton<BackupKey>();
        }

        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    /// <summary>Registers a feature's store: <typeparamref name="TLiteDb"/> or <typeparamref name="TPostgres"/>, by <c>Storage:Provider</c>.</summary>
    public static IServiceCollection AddStore<TStore, TLiteDb, TPostgres>(this IServiceCollection services, IConfiguration configuration)
        where TStore : class, IRecordSource
        where TLiteDb : class, TStore
        where TPostgres : class, TStore
    {
        // The implementation is resolvable by its own type too: a store of the same feature and provider may use it.
        if (StorageOptions.ProviderIn(configuration) == StorageProvider.Postgres)
        {
            services.AddSingleton<TPostgres>();
            services.AddSingleton<TStore>(sp => sp.GetRequiredService<TPostgres>());
        }
        else
        {
            services.AddSingleton<TLiteDb>();
            services.AddSingleton<TStore>(sp => sp.GetRequiredService<TLiteDb>());
        }

        services.AddSingleton<IRecordSource>(sp => sp.GetRequiredService<TStore>());
        return services;
    }

    /// <summary>Brings the schema up to date; call before the server takes requests.</summary>
    public static WebApplication MigrateStorage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<PostgresMigrationRunner>() is { } postgres)
        {
            postgres.Run();
            return app;
        }

        app.Services.GetRequiredService<MigrationRunner>().Run();

        // Checkpoint on the way out, so the data file alone holds every acknowledged write.
        var database = app.Services.GetRequiredService<GameDatabase>();
        app.Lifetime.ApplicationStopped.Register(database.Checkpoint);
        return app;
    }
}
