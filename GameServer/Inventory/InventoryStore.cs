using GameServer.Accounts;
using GameServer.Storage;
using LiteDB;

namespace GameServer.Inventory;

/// <summary>The <c>inventories</c> collection.</summary>
public sealed class InventoryStore(GameDatabase database) : IAccountProvisioner
{
    internal const string Collection = "inventories";

    private readonly ILiteCollection<InventoryRecord> _inventories = database.Collection<InventoryRecord>(Collection);

    public InventoryRecord? Find(int id) => _inventories.FindById(id);

    public InventoryRecord? FindByUser(int userId) => _inventories.FindOne(i => i.User == userId);

    public IReadOnlyList<InventoryRecord> All() => _inventories.Query().OrderBy(i => i.Id).ToList();

    /// <summary>The inventories holding <paramref name="itemId"/>, found through the multikey index on their items.</summary>
    public IReadOnlyList<InventoryRecord> Holding(int itemId) =>
        _inventories.Find(BsonExpression.Create("$.Items[*] ANY = @0", new BsonValue(itemId))).ToList();

    /// <summary>
    /// The inventories of <paramref name="userIds"/>, by one seek per id on the unique index. The ids go in
    /// as a parameter: LiteDB's <c>Query.In</c> writes them into the expression's text, so every new set
    /// of ids compiled a new expression (about half a second for a gift batch) and cached it for good.
    /// </summary>
    public IReadOnlyList<InventoryRecord> FindByUsers(IReadOnlyCollection<int> userIds) =>
        userIds.Count == 0 ? [] : _inventories.Find(BsonExpression.Create("$.User IN @0", new BsonArray(userIds.Select(id => new BsonValue(id))))).ToList();

    public void Update(InventoryRecord inventory) => _inventories.Update(inventory);

    public void UpdateMany(IEnumerable<InventoryRecord> changed) => _inventories.Update(changed);

    /// <summary>Every user starts with an empty inventory, created with the account.</summary>
    public void Provision(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _inventories.Insert(new InventoryRecord { User = user.Id });
    }
}
