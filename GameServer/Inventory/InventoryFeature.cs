using GameServer.Accounts;
using GameServer.Storage;

namespace GameServer.Inventory;

/// <summary>Registers inventories.</summary>
public static class InventoryFeature
{
    public static IServiceCollection AddInventory(this IServiceCollection services)
    {
        services.AddSingleton<InventoryStore>();
        services.AddSingleton<IAccountProvisioner>(sp => sp.GetRequiredService<InventoryStore>());
        services.AddSingleton<IMigration, InventoryIndexesMigration>();
        return services;
    }
}
