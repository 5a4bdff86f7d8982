using GameServer.Chat;
using GameServer.Leaderboards;
using GameServer.Monsters;
using GameServer.Players;
using GameServer.Storage;
using GameServer.Tests.Support;

namespace GameServer.Tests.Storage.Contract;

/// <summary>The contract of the stores the game world writes in batches: players, monsters, chat and the leaderboards.</summary>
[Category("Integration")]
[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
public sealed class WorldStoreContractTests(StorageProvider provider) : StoreContract(provider)
{
    [Test]
    public void Players_positions_and_defeats_are_saved_in_one_batch()
    {
        var players = Stores.Get<IPlayerStore>();
        var first = players.FindByUser(Register("lena").Id)!;
        var second = players.FindByUser(Register("mike").Id)!;
        first.PositionX = 12.25;
        first.PositionY = 0;
        first.MonstersDefeated = 3;
        second.PositionX = 99.5;

        players.SavePositions([first, second]);

        var stored = players.All().OrderBy(p => p.Id).Select(p => (p.Id, p.User, p.Username, p.PositionX, p.MonstersDefeated));
        Assert.That(stored, Is.EqualTo(new[] { (first.Id, first.User, "lena", 12.25, 3), (second.Id, second.User, "mike", 99.5, 0) }));
        Assert.That(players.FindByUser(second.User)?.PositionY, Is.EqualTo(second.PositionY));
    }

    [Test]
    public void Monsters_keep_every_field_including_the_empty_ones()
    {
        var monsters = Stores.Get<IMonsterStore>();
        var respawn = WholeMilliseconds(DateTime.UtcNow.AddMinutes(1));
        var calm = new MonsterRecord { PositionX = 1, PositionY = 2 };
        var angry = new MonsterRecord { State = MonsterState.Attacking, HealthPoints = 4, UserBeingAttacked = 7, PositionX = 3, PositionY = 4 };
        monsters.Insert(calm);
        monsters.Insert(angry);

        angry.State = MonsterState.Evading;
        angry.HealthPoints = 0;
        angry.UserBeingAttacked = null;
        angry.RespawnAt = respawn;
        calm.PositionX = 5.5;
        monsters.UpdateMany([angry, calm]);

        var stored = monsters.All();
        Assert.That(stored.Select(m => m.Id), Is.EqualTo(new[] { calm.Id, angry.Id }), "in id order");
        Assert.That(stored.Select(m => (m.State, m.HealthPoints, m.UserBeingAttacked, m.PositionX, m.RespawnAt?.ToUniversalTime())),
            Is.EqualTo(new[] { (MonsterState.Wandering, 10, (int?)null, 5.5, (DateTime?)null), (MonsterState.Evading, 0, (int?)null, 3.0, (DateTime?)respawn) }));
        Assert.That(monsters.Update(new MonsterRecord { Id = 999_999 }), Is.False);
        Assert.That(monsters.Delete(calm.Id), Is.True);
        Assert.That(monsters.Delete(calm.Id), Is.False);
        Assert.That(monsters.Find(angry.Id)?.State, Is.EqualTo(MonsterState.Evading));
    }

    [Test]
    public void Chat_history_is_the_newest_messages_by_id_whatever_their_clock()
    {
        var chat = Stores.Get<IChatStore>();
        var now = WholeMilliseconds(DateTime.UtcNow);
        var messages = Enumerable.Range(0, 4).Select(i => new ChatMessageRecord { User = 1, Username = "nina", Text = $"message {i} ✓", At = now.AddSeconds(-i) }).ToList();
        messages.ForEach(chat.Insert);

        var newest = chat.Newest(3);

        Assert.That(newest.Select(m => m.Text), Is.EqualTo(new[] { "message 3 ✓", "message 2 ✓", "message 1 ✓" }), "ids, not the stepping-back clock, are the order");
        Assert.That(newest[0].At.ToUniversalTime(), Is.EqualTo(messages[3].At));
        Assert.That(newest.Select(m => m.Id), Is.Ordered.Descending);
    }

    [Test]
    public void Leaderboard_scores_are_upserted_and_old_weeks_deleted()
    {
        var scores = Stores.Get<ILeaderboardStore>();
        scores.Save([Score("all", 1, 5, 1), Score("2030-W01", 1, 5, 1), Score("2029-W52", 2, 3, 2), Score("2029-W40", 3, 1, 3)]);
        scores.Save([Score("all", 1, 8, 4), Score("all", 2, 2, 5)]);

        Assert.That(scores.InPeriod("all").OrderBy(s => s.User).Select(s => (s.Id, s.User, s.Score, s.Sequence)),
            Is.EqualTo(new[] { ("distance_walked/all/1", 1, 8.0, 4L), ("distance_walked/all/2", 2, 2.0, 5L) }));
        Assert.That(scores.DeleteWeeksOtherThan("2030-W01", "2029-W52"), Is.EqualTo(1));
        Assert.That(scores.InPeriod("2029-W40"), Is.Empty);
        Assert.That(scores.InPeriod("2029-W52").Single().Score, Is.EqualTo(3));
    }

    private static LeaderboardScoreRecord Score(string period, int user, double score, long sequence) =>
        LeaderboardScoreRecord.Of(LeaderboardBoard.DistanceWalked, period, new RankedScore(user, score, sequence));
}
