using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;

namespace GameServer.Tests.Monsters;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class MonsterPersistenceTests
{
    [Test]
    public async Task A_new_database_starts_with_Count_wandering_monsters_inside_the_world()
    {
        await using var server = await InProcessServer.StartAsync("--World:Width=20", "--World:Height=30");
        var (admin, _) = await server.ConnectAsAdminAsync();

        var monsters = await admin.ListMonstersAsync();

        Assert.That(monsters, Has.Count.EqualTo(10), "Monsters:Count is 10 by default");
        Assert.That(monsters.Select(m => (m.State, m.HealthPoints, m.UserBeingAttacked)), Is.All.EqualTo((MonsterStates.Wandering, 10, (int?)null)));
        Assert.That(monsters.Select(m => m.PositionX), Is.All.InRange(0.0, 20.0));
        Assert.That(monsters.Select(m => m.PositionY), Is.All.InRange(0.0, 30.0));
        Assert.That(monsters.Select(m => m.Id), Is.Ordered.And.Unique);
    }

    [Test]
    public async Task A_restart_keeps_monsters_and_their_states_and_seeds_no_more()
    {
        var server = await InProcessServer.StartAsync("--Monsters:Count=2");
        var (admin, user) = await server.ConnectAsAdminAsync();
        var seeded = await admin.ListMonstersAsync();
        await admin.DeleteMonsterAsync(seeded[0].Id);
        var hurt = await admin.CreateMonsterAsync(positionX: 1.25, positionY: 2.5);
        await admin.TransitionMonsterAsync(hurt.Id, MonsterTransitions.Attack, user.User.Id);
        await admin.TransitionMonsterAsync(hurt.Id, MonsterTransitions.Evade);
        await admin.UpdateMonsterAsync(hurt.Id, healthPoints: 2);
        var fighting = await admin.CreateMonsterAsync();
        await admin.TransitionMonsterAsync(fighting.Id, MonsterTransitions.Attack, user.User.Id);
        var before = await admin.ListMonstersAsync();

        server = await server.RestartAsync();
        await using var restarted = server;
        (admin, _) = await server.ConnectAsAdminAsync();
        var after = await admin.ListMonstersAsync();
        var created = await admin.CreateMonsterAsync();

        Assert.That(after, Is.EqualTo(before), "the same monsters, in the same states; none seeded again");
        Assert.That(after.Select(m => m.State), Is.EqualTo(new[] { MonsterStates.Wandering, MonsterStates.LookingForAid, MonsterStates.Attacking }));
        Assert.That(after.Single(m => m.Id == hurt.Id).UserBeingAttacked, Is.EqualTo(user.User.Id));
        Assert.That(created.Id, Is.GreaterThan(fighting.Id), "ids keep counting up after a restart");
    }
}
