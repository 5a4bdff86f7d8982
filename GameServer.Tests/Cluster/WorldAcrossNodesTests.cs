using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;

namespace GameServer.Tests.Cluster;

/// <summary>
/// One world over three nodes as separate processes: the node holding the lease <c>world:default</c>
/// applies every move and strike, wherever it was sent, and the others serve their own subscribers
/// from its relayed changes.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
[NonParallelizable] // Three server processes: alongside the other fixtures they starved for CPU on two cores.
public sealed class WorldAcrossNodesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private TestCluster _cluster = null!;
    private readonly List<GameClient> _clients = [];

    [OneTimeSetUp]
    // A longer lease than the cluster's 2 s: nothing here dies, and a node starved of CPU for a moment must not lose the world.
    public async Task StartNodes() => _cluster = await TestCluster.StartAsync(3, TestRedis.Shared, "--Cluster:LeaseTimeout=00:00:10");

    [OneTimeTearDown]
    public void StopNodes() => _cluster?.Dispose();

    [TearDown]
    public async Task CloseClients()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        _clients.Clear();
    }

    [Test]
    public async Task A_move_on_one_node_reaches_whole_world_and_radius_subscribers_on_another()
    {
        var mover = await UserAsync(0);
        var wholeWorld = await WatchedPlayers.SubscribeAsync((await UserAsync(2)).Client);

        // Wider than the world's diagonal is refused; this radius still covers it from anywhere in it.
        var nearby = await WatchedPlayers.SubscribeAsync((await UserAsync(2)).Client, radius: 141);

        var at = await mover.Client.MoveAsync(0, 0);
        var (dx, dy) = WorldOwners.InwardStep(at);
        var moved = await mover.Client.MoveAsync(dx, dy);
        Assert.That((moved.PositionX, moved.PositionY), Is.EqualTo((at.PositionX + dx, at.PositionY + dy)));
        await wholeWorld.UntilAtAsync(mover.Auth.User.Id, moved.PositionX, moved.PositionY, Timeout);
        await nearby.UntilAtAsync(mover.Auth.User.Id, moved.PositionX, moved.PositionY, Timeout);

        // A move sent as a notification, from a second device on a third node, is applied by the owner too.
        var secondDevice = await Track(_cluster.ConnectAsync(1, mover.Auth.User.Username));
        await secondDevice.Client.SendMoveAsync(dx, dy);
        await wholeWorld.UntilAtAsync(mover.Auth.User.Id, moved.PositionX + dx, moved.PositionY + dy, Timeout);
        await nearby.UntilAtAsync(mover.Auth.User.Id, moved.PositionX + dx, moved.PositionY + dy, Timeout);
    }

    [Test]
    public async Task A_strike_on_a_node_that_does_not_own_the_world_is_applied_by_the_owner_and_seen_on_every_node()
    {
        var looker = await UserAsync(0);
        var owner = await WorldOwners.OwnerAsync(looker.Client, [0, 1, 2], Timeout);
        var (striking, watching) = ((owner + 1) % 3, (owner + 2) % 3);
        var striker = await UserAsync(striking);
        var admin = await Track(_cluster.ConnectAsync(watching, _cluster.AdminName));
        var watcher = await UserAsync(watching);
        await watcher.Client.SubscribeMonstersAsync();

        // Made on a node that does not own the world either: the owner creates it, and the striker's node learns it from the owner.
        var at = await striker.Client.MoveAsync(0, 0);
        var monster = await admin.Client.CreateMonsterAsync(at.PositionX, at.PositionY, healthPoints: 100);
        var seen = watcher.Client.WaitForNotificationAsync(Methods.MonstersUpdated, n => Has(n, monster.Id, 98));

        var struck = await striker.Client.HitMonsterAsync(monster.Id);

        Assert.That(struck.HealthPoints, Is.EqualTo(98));
        Assert.That(struck.State, Is.EqualTo(MonsterStates.Attacking), "the owner's state machine answered the strike");
        await seen.WaitAsync(Timeout);
        Assert.That((await looker.Client.GetMonsterAsync(monster.Id)).HealthPoints, Is.EqualTo(98), "node-0's copy has the owner's change");
    }

    [Test]
    public async Task A_defeat_on_a_node_that_does_not_own_the_world_is_told_to_the_players_devices_on_every_node()
    {
        var looker = await UserAsync(0);
        var owner = await WorldOwners.OwnerAsync(looker.Client, [0, 1, 2], Timeout);
        var (striking, secondDevice) = ((owner + 1) % 3, (owner + 2) % 3);
        var striker = await UserAsync(striking);
        var other = await Track(_cluster.ConnectAsync(secondDevice, striker.Auth.User.Username));
        var admin = await Track(_cluster.ConnectAsync(owner, _cluster.AdminName));

        var at = await striker.Client.MoveAsync(0, 0);
        var monster = await admin.Client.CreateMonsterAsync(at.PositionX, at.PositionY, healthPoints: 2);
        var toldHere = striker.Client.WaitForNotificationAsync(Methods.MonstersDefeated);
        var toldThere = other.Client.WaitForNotificationAsync(Methods.MonstersDefeated);

        var struck = await striker.Client.HitMonsterAsync(monster.Id);

        Assert.That(struck.HealthPoints, Is.Zero);
        var expected = new MonsterDefeated(monster.Id, striker.Auth.User.Id, 1);
        Assert.That((await toldHere.WaitAsync(Timeout)).Read(GameJsonContext.Default.MonsterDefeated), Is.EqualTo(expected), "the striker's node, which forwarded the strike");
        Assert.That((await toldThere.WaitAsync(Timeout)).Read(GameJsonContext.Default.MonsterDefeated), Is.EqualTo(expected), "the player's device on a third node");
    }

    private static bool Has(GameNotification notification, int monster, int health) =>
        notification.Read(GameJsonContext.Default.MonsterList).Monsters.Any(m => m.Id == monster && m.HealthPoints == health);

    private async Task<(GameClient Client, AuthResult Auth)> UserAsync(int node) => await Track(_cluster.ConnectAsUserAsync(node));

    private async Task<(GameClient Client, AuthResult Auth)> Track(Task<(GameClient Client, AuthResult Auth)> connecting)
    {
        var connected = await connecting;
        _clients.Add(connected.Client);
        return connected;
    }
}
