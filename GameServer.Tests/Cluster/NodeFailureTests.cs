using System.Diagnostics;
using GameServer.Protocol;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;

namespace GameServer.Tests.Cluster;

/// <summary>
/// Nodes as separate processes when a node dies or Redis goes away: a SIGKILLed node's users go offline
/// for the others within the lease; without Redis each node serves its own sessions, says Degraded, and
/// the cluster is whole again once Redis is back, the world's relayed changes included.
/// </summary>
[Category("Integration")]
[CancelAfter(600_000)]
[NonParallelizable] // Server processes of its own, and a timing to measure: not alongside the other fixtures.
public sealed class NodeFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Test]
    public async Task The_users_of_a_SIGKILLed_node_go_offline_for_the_others_within_the_lease_timeout()
    {
        using var cluster = await TestCluster.StartAsync(2, TestRedis.Shared);
        await using var watcher = (await cluster.ConnectAsUserAsync(0)).Client;
        var players = await WatchedPlayers.SubscribeAsync(watcher);
        var (victim, auth) = await cluster.ConnectAsUserAsync(1);
        await using var _ = victim;
        await players.UntilAsync(auth.User.Id, online: true, Timeout);

        var killed = Stopwatch.StartNew();
        cluster.Kill(1);
        await players.UntilAsync(auth.User.Id, online: false, Timeout);

        // The heartbeat expires LeaseTimeout - HeartbeatInterval after the last one, and the next beat of
        // node-0 sweeps it; a patch interval (50 ms) and the machine's load on top.
        Assert.That(killed.Elapsed, Is.LessThan(TestCluster.LeaseTimeout + TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Without_Redis_each_node_serves_its_own_and_is_Degraded_then_whole_again()
    {
        using var redis = TestRedis.StartOwn();
        using var cluster = await TestCluster.StartAsync(2, redis);
        await using var near = (await cluster.ConnectAsUserAsync(0)).Client;
        await using var alsoNear = (await cluster.ConnectAsUserAsync(0)).Client;
        await using var far = (await cluster.ConnectAsUserAsync(1)).Client;
        foreach (var client in new[] { near, alsoNear, far })
        {
            await client.SubscribeToChatAsync();
        }

        await CrossesAsync(near, far, "before");

        redis.Stop();
        await UntilHealthAsync(cluster, 0, "Degraded");
        var local = alsoNear.WaitForNotificationAsync(Methods.ChatMessage, n => n.Read(GameJsonContext.Default.ChatMessage).Text == "alone");
        await near.SendChatAsync("alone");
        await local.WaitAsync(Timeout);
        Assert.That(await near.MyInventoryAsync(), Is.Not.Null, "the node still reads and writes its database");

        redis.Start();
        await UntilHealthAsync(cluster, 0, "Healthy");
        await UntilHealthAsync(cluster, 1, "Healthy");
        await CrossesAsync(near, far, "after");
    }

    [Test]
    public async Task A_node_cut_off_from_Redis_learns_the_moves_it_missed_once_the_link_is_mended()
    {
        using var redis = TestRedis.StartOwn();
        using var cluster = await TestCluster.StartAsync(2, redis);
        await using var looker = (await cluster.ConnectAsUserAsync(0)).Client;
        var owner = await WorldOwners.OwnerAsync(looker, [0, 1], Timeout);

        // The other node again, through a link that can be cut while the owner stays connected.
        var other = 1 - owner;
        using var link = CuttableLink.To(redis.Configuration);
        cluster.Kill(other);
        await cluster.StartNodeAsync(other, $"--Cluster:Redis={link.Address}");
        var (mover, auth) = await cluster.ConnectAsUserAsync(owner);
        await using var _ = mover;
        var nearOwner = await WatchedPlayers.SubscribeAsync(mover);
        await using var watching = (await cluster.ConnectAsUserAsync(other)).Client;
        var players = await WatchedPlayers.SubscribeAsync(watching);
        var at = await mover.MoveAsync(0, 0);
        await players.UntilAtAsync(auth.User.Id, at.PositionX, at.PositionY, Timeout);

        link.Cut();
        await UntilHealthAsync(cluster, other, "Degraded");
        var (dx, dy) = WorldOwners.InwardStep(at);
        var moved = await mover.MoveAsync(dx, dy);

        // Seen on the owner's own feed: the patch that relayed the move has gone, while the other node was cut off.
        await nearOwner.UntilAtAsync(auth.User.Id, moved.PositionX, moved.PositionY, Timeout);
        link.Mend();

        // The player stands still from now on: only a catch-up relay can tell the other node where.
        await players.UntilAtAsync(auth.User.Id, moved.PositionX, moved.PositionY, Timeout);
    }

    // Once healthy, the subscription may still be renewing: a few messages, each awaited for a second.
    private static async Task CrossesAsync(GameClient from, GameClient to, string text)
    {
        for (var attempt = 1; ; attempt++)
        {
            var body = $"{text} {attempt}";
            var arrived = to.WaitForNotificationAsync(Methods.ChatMessage, n => n.Read(GameJsonContext.Default.ChatMessage).Text == body);
            await from.SendChatAsync(body);
            try
            {
                await arrived.WaitAsync(TimeSpan.FromSeconds(1));
                return;
            }
            catch (TimeoutException) when (attempt < 10)
            {
                // Not across yet.
            }
        }
    }

    // /healthz has no notification to await: asked once per heartbeat interval, within a bound.
    private static async Task UntilHealthAsync(TestCluster cluster, int node, string expected)
    {
        var deadline = DateTime.UtcNow + Timeout;
        string health;
        while ((health = await cluster.HealthAsync(node)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TestCluster.HeartbeatInterval);
        }

        Assert.That(health, Is.EqualTo(expected), $"node-{node}'s /healthz");
    }
}
