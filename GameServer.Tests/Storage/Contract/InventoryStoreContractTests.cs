using GameServer.Inventory;
using GameServer.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Storage.Contract;

[Category("Integration")]
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
public sealed class InventoryStoreContractTests(StorageProvider provider) : StoreContract(provider)
{
    private IItemStore Items => Stores.Get<IItemStore>();

    private IInventoryStore Inventories => Stores.Get<IInventoryStore>();

    [Test]
    public void A_gift_run_creates_items_linked_into_the_users_inventories_skipping_users_without_one()
    {
        var first = Register("gina");
        var second = Register("hank");

        var given = Inventories.GiveNewItems([new NewItemFor(second.Id, "Gift for hank", 0), new NewItemFor(999_999, "Gift for nobody", 0), new NewItemFor(first.Id, "Gift for gina", 1.5)]);

        Assert.That(given.Select(g => (g.Inventory.User, g.Item.Name)), Is.EqualTo(new[] { (second.Id, "Gift for hank"), (first.Id, "Gift for gina") }), "in the order asked");
        Assert.That(given.Select(g => g.Item.Id), Is.All.Positive);
        Assert.That(given.Select(g => g.Item.Id), Is.Unique);
        Assert.That(given.Select(g => Items.Find(g.Item.Id)?.Name), Is.EqualTo(new[] { "Gift for hank", "Gift for gina" }));
        Assert.That(Inventories.ItemIdsOf(given[1].Inventory.Id), Is.EqualTo(new[] { given[1].Item.Id }));
        Assert.That(Items.Count(), Is.EqualTo(2), "no item for the user without an inventory");
        Assert.That(Inventories.GiveNewItems([]), Is.Empty);
    }

    [Test]
    public void An_item_is_in_an_inventory_at_most_once_and_items_keep_the_order_they_were_added_in()
    {
        var inventory = Inventories.FindByUser(Register("ivy").Id)!;
        var items = Enumerable.Range(0, 3).Select(i => new ItemRecord { Name = $"item {i}", Weight = i }).ToList();
        Items.InsertMany(items);

        Assert.That(Inventories.AddItem(inventory.Id, items[2].Id), Is.True);
        Assert.That(Inventories.AddItem(inventory.Id, items[0].Id), Is.True);
        Assert.That(Inventories.AddItem(inventory.Id, items[2].Id), Is.False, "already there: nothing written");

        Assert.That(Inventories.ItemIdsOf(inventory.Id), Is.EqualTo(new[] { items[2].Id, items[0].Id }));
        Assert.That(Inventories.ItemIdsOf([inventory.Id, 999_999]), Is.EquivalentTo(new Dictionary<int, List<int>> { [inventory.Id] = [items[2].Id, items[0].Id] }));
        Assert.That(Inventories.Holds(inventory.Id, items[0].Id), Is.True);
        Assert.That(Inventories.Holds(inventory.Id, items[1].Id), Is.False);
        Assert.That(Inventories.RemoveItem(inventory.Id, items[2].Id), Is.True);
        Assert.That(Inventories.RemoveItem(inventory.Id, items[2].Id), Is.False);
        Assert.That(Inventories.ItemIdsOf(inventory.Id), Is.EqualTo(new[] { items[0].Id }));
    }

    [Test]
    public void Replacing_an_inventorys_items_and_deleting_an_item_everywhere_are_whole()
    {
        var first = Inventories.FindByUser(Register("jack").Id)!;
        var second = Inventories.FindByUser(Register("kate").Id)!;
        var items = Enumerable.Range(0, 3).Select(i => new ItemRecord { Name = $"item {i}", Weight = 1 }).ToList();
        Items.InsertMany(items);
        Inventories.AddItem(first.Id, items[0].Id);
        Inventories.AddItem(second.Id, items[0].Id);

        Inventories.ReplaceItems(first.Id, removed: [items[0].Id], added: [items[2].Id, items[1].Id]);
        Assert.That(Inventories.ItemIdsOf(first.Id), Is.EqualTo(new[] { items[2].Id, items[1].Id }));

        Inventories.AddItem(first.Id, items[0].Id);
        Assert.That(Inventories.InventoriesHolding(items[0].Id), Is.EquivalentTo(new[] { first.Id, second.Id }));
        Assert.That(Inventories.DeleteItemEverywhere(items[0].Id), Is.EquivalentTo(new[] { first.Id, second.Id }));
        Assert.That(Items.Find(items[0].Id), Is.Null);
        Assert.That(Inventories.InventoriesHolding(items[0].Id), Is.Empty);
        Assert.That(Inventories.DeleteItemEverywhere(items[0].Id), Is.Null, "no such item any more");
    }

    [Test]
    public void Items_are_listed_by_weight_then_id_a_page_at_a_time()
    {
        var items = new[] { 3.0, 1, 2, 1, 0 }.Select((weight, i) => new ItemRecord { Name = $"item {i}", Weight = weight }).ToList();
        Items.InsertMany(items);
        var expected = items.OrderBy(i => i.Weight).ThenBy(i => i.Id).Select(i => i.Id).ToList();

        Assert.That(Items.ListByWeight(0, 3).Select(i => i.Id), Is.EqualTo(expected.Take(3)));
        Assert.That(Items.ListByWeight(3, 3).Select(i => i.Id), Is.EqualTo(expected.Skip(3)));
        Assert.That(Items.ListByWeight(0, 0), Is.Empty);
        Assert.That(Items.FindMany([items[1].Id, items[4].Id, 999_999]).Select(i => i.Id), Is.EquivalentTo(new[] { items[1].Id, items[4].Id }));
        Assert.That(Items.FindMany([]), Is.Empty);
    }

    [Test]
    public void An_item_keeps_its_name_and_exact_weight_and_only_existing_items_update()
    {
        var item = new ItemRecord { Name = "  Sword ✓ ", Weight = 0.1 + 0.2 };
        Items.Insert(item);
        item.Name = "Blade";
        item.Weight = 1e308;

        Assert.That(Items.Update(item), Is.True);
        Assert.That(Items.Find(item.Id) is { Name: "Blade", Weight: 1e308 }, Is.True);
        Assert.That(Items.Update(new ItemRecord { Id = 999_999, Name = "ghost" }), Is.False);
        Assert.That(Items.Count(), Is.EqualTo(1));
    }

    [Test]
    public void Inventories_are_paged_by_id_and_found_by_their_users()
    {
        var users = Enumerable.Range(0, 4).Select(i => Register($"user{i}")).ToList();
        var inventories = users.Select(u => Inventories.FindByUser(u.Id)!).ToList();

        Assert.That(Inventories.Count(), Is.EqualTo(4));
        Assert.That(Inventories.Page(1, 2).Select(i => i.Id), Is.EqualTo(inventories.Skip(1).Take(2).Select(i => i.Id)));
        Assert.That(Inventories.FindByUsers([users[0].Id, users[3].Id, 999_999]).Select(i => i.User), Is.EquivalentTo(new[] { users[0].Id, users[3].Id }));
        Assert.That(Inventories.Find(inventories[2].Id)?.User, Is.EqualTo(users[2].Id));
        Assert.That(Inventories.FindByUser(999_999), Is.Null);
    }
}
