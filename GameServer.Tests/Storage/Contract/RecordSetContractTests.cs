using System.Text.Json;
using GameServer.Analytics;
using GameServer.Chat;
using GameServer.Inventory;
using GameServer.Leaderboards;
using GameServer.Monsters;
using GameServer.Storage;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Storage.Contract;

/// <summary>
/// What <c>storage copy</c> stands on: every table read whole in id order, and written back elsewhere with
/// the same ids, to either provider; ids handed out afterwards continue after the largest.
/// </summary>
[Category("Integration")]
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
public sealed class RecordSetContractTests(StorageProvider provider) : StoreContract(provider)
{
    private static readonly string[] Tables =
        ["users", "auth_tokens", "items", "inventories", "inventory_items", "players", "monsters", "chat_messages", "leaderboard_scores", "analytics_events", "analytics_days"];

    [Test]
    public async Task Every_record_moves_to_either_provider_with_its_id()
    {
        Populate();
        var source = RecordSets(Stores.Services);
        Assert.That(source.Keys, Is.EquivalentTo(Tables), "one set per table, each named once");

        foreach (var target in new[] { StorageProvider.LiteDb, StorageProvider.Postgres })
        {
            await using var copy = TestStores.Open(target);
            var sets = RecordSets(copy.Services);
            foreach (var (name, set) in source)
            {
                sets[name].Clear();
                foreach (var batch in set.ReadAll().Chunk(3))
                {
                    sets[name].ImportBatch(batch);
                }
            }

            foreach (var (name, set) in source)
            {
                Assert.That(sets[name].Count(), Is.EqualTo(set.Count()), $"{name} on {target}: as many");
                Assert.That(Json(sets[name]), Is.EquivalentTo(Json(set)), $"{name} on {target}: the same records");
            }

            var item = new ItemRecord { Name = "after the copy", Weight = 1 };
            copy.Get<IItemStore>().Insert(item);
            Assert.That(item.Id, Is.GreaterThan(source["items"].ReadAll().Cast<ItemRecord>().Max(i => i.Id)), $"{target}: new ids continue after the copied ones");
        }
    }

    [Test]
    public void A_table_is_read_in_id_order_cleared_and_written_back_with_its_ids()
    {
        var items = Enumerable.Range(0, 5).Select(i => new ItemRecord { Name = $"item {i}", Weight = 5 - i }).ToList();
        Stores.Get<IItemStore>().InsertMany(items);
        var set = RecordSets(Stores.Services)["items"];
        var read = set.ReadAll().ToList();
        Assert.That(read.Cast<ItemRecord>().Select(i => i.Id), Is.EqualTo(items.Select(i => i.Id)).And.Ordered);

        set.Clear();
        Assert.That(set.Count(), Is.Zero);
        set.ImportBatch(read);

        Assert.That(Stores.Get<IItemStore>().Find(items[3].Id)?.Name, Is.EqualTo("item 3"));
        var again = new ItemRecord { Name = "after", Weight = 0 };
        Stores.Get<IItemStore>().Insert(again);
        Assert.That(again.Id, Is.GreaterThan(items[^1].Id));
    }

    private void Populate()
    {
        var admin = Register("root", isAdmin: true);
        var user = Register("olga");
        var given = Stores.Get<IInventoryStore>().GiveNewItems([new NewItemFor(user.Id, "Gift for olga", 0), new NewItemFor(admin.Id, "Gift for root", 2.5)]);
        Stores.Get<IInventoryStore>().AddItem(given[1].Inventory.Id, given[0].Item.Id);
        var monster = new MonsterRecord { State = MonsterState.Evading, HealthPoints = 0, PositionX = 1, PositionY = 2, RespawnAt = WholeMilliseconds(DateTime.UtcNow) };
        Stores.Get<IMonsterStore>().Insert(monster);
        Stores.Get<IMonsterStore>().Insert(new MonsterRecord { UserBeingAttacked = user.Id, State = MonsterState.Attacking, PositionX = 3, PositionY = 4 });
        Stores.Get<IChatStore>().Insert(new ChatMessageRecord { User = user.Id, Username = user.Username, Text = "hello ✓", At = WholeMilliseconds(DateTime.UtcNow) });
        Stores.Get<ILeaderboardStore>().Save([LeaderboardScoreRecord.Of(LeaderboardBoard.GiftsReceived, "all", new RankedScore(user.Id, 1, 1))]);
        var analytics = Stores.Get<IAnalyticsStore>();
        analytics.Append(
        [
            new AnalyticsEvent { Type = "logged_out", User = user.Id, At = WholeMilliseconds(DateTime.UtcNow), SessionSeconds = 12.5 },
            new AnalyticsEvent { Type = "gift_received", User = admin.Id, At = WholeMilliseconds(DateTime.UtcNow), Item = "Gift for root" },
        ]);
        analytics.RollUp(
            new AnalyticsDay { Id = "2026-11-30", ActiveUsers = 2, NewUsers = 1, Sessions = 3, SessionSecondsMedian = 4.5, SessionSecondsP90 = 9, Events = new() { ["registered"] = 1, ["chat_sent"] = 7 }, Hours = [.. Enumerable.Range(0, 24)] },
            new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    private static Dictionary<string, IRecordSet> RecordSets(IServiceProvider services) =>
        services.GetServices<IRecordSource>().SelectMany(s => s.RecordSets).ToDictionary(s => s.Name);

    // Records compared field by field through JSON, dates in UTC on both sides.
    private static List<string> Json(IRecordSet set) => [.. set.ReadAll().Select(r => JsonSerializer.Serialize(r, set.RecordType))];
}
