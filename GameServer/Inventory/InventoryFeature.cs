using GameServer.Accounts;
using GameServer.Configuration;
using GameServer.Storage;

namespace GameServer.Inventory;

/// <summary>Registers items and inventories: stores, service, notifications, JSON-RPC methods.</summary>
public static class InventoryFeature
{
    public static IServiceCollection AddInventory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<InventoryOptions>(configuration, InventoryOptions.Section);
        services.AddSingleton<ItemStore>();
        services.AddSingleton<InventoryStore>();
        services.AddSingleton<IAccountProvisioner>(sp => sp.GetRequiredService<InventoryStore>());
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
