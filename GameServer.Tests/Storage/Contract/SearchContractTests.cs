using GameServer.Accounts;
using GameServer.Inventory;
using GameServer.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Storage.Contract;

/// <summary>
/// The dashboard's searches on either provider: a name containing the text, ignoring case, the text
/// taken as it is (a '%' or '_' in it matches only itself, never any character).
/// </summary>
[Category("Integration")]
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
public sealed class SearchContractTests(StorageProvider provider) : StoreContract(provider)
{
    [Test]
    public void Items_whose_name_contains_the_text_page_by_weight_then_id()
    {
        var items = Stores.Get<IItemStore>();
        items.InsertMany(
        [
            new ItemRecord { Name = "Lantern", Weight = 3 },
            new ItemRecord { Name = "blue LANTERN", Weight = 1 },
            new ItemRecord { Name = "lantern oil", Weight = 3 },
            new ItemRecord { Name = "Cup", Weight = 0 },
            new ItemRecord { Name = "100% lantern", Weight = 2 },
            new ItemRecord { Name = "1000 lanterns", Weight = 2 },
        ]);

        Assert.That(items.SearchByWeight("LANTERN", 0, 10).Select(i => i.Name), Is.EqualTo(new[] { "blue LANTERN", "100% lantern", "1000 lanterns", "Lantern", "lantern oil" }));
        Assert.That(items.SearchByWeight("LANTERN", 1, 2).Select(i => i.Name), Is.EqualTo(new[] { "100% lantern", "1000 lanterns" }));
        Assert.That(items.CountMatching("LANTERN"), Is.EqualTo(5));
        Assert.That(items.SearchByWeight("0% L", 0, 10).Select(i => i.Name), Is.EqualTo(new[] { "100% lantern" }), "'%' is a character");
        Assert.That(items.CountMatching("0%"), Is.EqualTo(1));
        Assert.That(items.CountMatching("C_P"), Is.Zero, "'_' is a character");
        Assert.That(items.SearchByWeight("LANTERN", 0, 0), Is.Empty);
    }

    [Test]
    public void Users_whose_name_contains_the_text_ignoring_case_page_in_id_order()
    {
        var zelda = Register("Zelda");
        var griselda = Register("griselda");
        Register("bob");
        var zelda2 = Register("ZELDA_2");
        var zeldaX = Register("zeldaX2");
        var accounts = Stores.Get<IAccountStore>();

        Assert.That(accounts.IdsWithNameContaining("elDA", 0, 10), Is.EqualTo(new[] { zelda.Id, griselda.Id, zelda2.Id, zeldaX.Id }));
        Assert.That(accounts.IdsWithNameContaining("elda", 1, 2), Is.EqualTo(new[] { griselda.Id, zelda2.Id }));
        Assert.That(accounts.CountWithNameContaining("ELDA"), Is.EqualTo(4));
        Assert.That(accounts.IdsWithNameContaining("a_2", 0, 10), Is.EqualTo(new[] { zelda2.Id }), "'_' is a character");
        Assert.That(accounts.CountWithNameContaining("%"), Is.Zero, "'%' is a character");
        Assert.That(accounts.IdsWithNameContaining("elda", 0, 0), Is.Empty);
    }
}
