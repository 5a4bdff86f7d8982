using GameServer.Accounts;
using GameServer.Configuration;
using GameServer.Storage;
using GameServer.Storage.LiteDb;

namespace GameServer.Inventory;

/// <summary>Registers items and inventories: stores, service, notifications, JSON-RPC methods.</summary>
public static class InventoryFeature
{
    public static IServiceCollection AddInventory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<InventoryOptions>(configuration, InventoryOptions.Section);
        services.AddStore<IItemStore, LiteDbItemStore, PostgresItemStore>(configuration);
        services.AddStore<IInventoryStore, LiteDbInventoryStore, PostgresInventoryStore>(configuration);
        services.AddSingleton<IAccountProvisioner>(sp => sp.GetRequiredService<IInventoryStore>());
        services.AddSingleton<InventoryNotifier>();
        services.AddSingleton<InventoryService>();
        services.AddSingleton<InventoryRpc>();
        services.AddSingleton<IMigration, InventoryIndexesMigration>();
        services.AddSingleton<IMigration, InventoryItemsMigration>();
        services.AddSingleton<IMigration, InventoryLinksMigration>();
        services.AddSingleton<IMigration, ItemOrderMigration>();
        return services;
    }
}
