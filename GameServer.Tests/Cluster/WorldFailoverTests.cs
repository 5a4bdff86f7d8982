using System.Diagnostics;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Players;
using GameServer.Protocol.Client;
using GameServer.Tests.Support;

namespace GameServer.Tests.Cluster;

/// <summary>
/// The world's owner SIGKILLed under three nodes as separate processes (a 2 s lease): another node takes
/// the world's lease within the lease timeout, loads the world from the store and answers moves, and a
/// subscriber on a surviving node, still connected, sees the world move again; the killed node, started
/// again, catches up with what the owner has not saved yet.
/// </summary>
[Category("Integration")]
[CancelAfter(600_000)]
[NonParallelizable] // Server processes of its own, and a timing to measure: not alongside the other fixtures.
public sealed class WorldFailoverTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Test]
    public async Task When_the_owner_is_SIGKILLed_another_node_owns_the_world_within_the_lease_timeout_and_moves_work_again()
    {
        // Positions saved once a minute: what the nodes show after the failover is what the owners relayed, not the store.
        using var cluster = await TestCluster.StartAsync(3, TestRedis.Shared, "--Realtime:PersistInterval=00:01:00");
        await using var looker = (await cluster.ConnectAsUserAsync(0)).Client;
        var owner = await WorldOwners.OwnerAsync(looker, [0, 1, 2], Timeout);
        var (moving, watching) = ((owner + 1) % 3, (owner + 2) % 3);
        var (mover, auth) = await cluster.ConnectAsUserAsync(moving);
        await using var _ = mover;
        await using var watcherClient = (await cluster.ConnectAsUserAsync(watching)).Client;
        var watcher = await WatchedPlayers.SubscribeAsync(watcherClient);
        var at = await mover.MoveAsync(0, 0);
        var (dx, dy) = WorldOwners.InwardStep(at);
        var before = await mover.MoveAsync(dx, dy);
        await watcher.UntilAtAsync(auth.User.Id, before.PositionX, before.PositionY, Timeout);

        var killed = Stopwatch.StartNew();
        cluster.Kill(owner);
        var after = await MoveUntilAnsweredAsync(mover, dx, dy, Timeout);
        var answeredAfter = killed.Elapsed;

        // The lease expires in Redis at most LeaseTimeout after the owner's last renewal; a survivor takes
        // it at its next heartbeat, reloads the world and answers the move that waited for it. A second of
        // slack for a loaded two-core machine, as the presence test allows.
        Assert.That(answeredAfter, Is.LessThan(TestCluster.LeaseTimeout + TimeSpan.FromSeconds(1)));
        await watcher.UntilAtAsync(auth.User.Id, after.PositionX, after.PositionY, Timeout);
        Assert.That(await WorldOwners.OwnerAsync(watcherClient, [moving, watching], Timeout), Is.AnyOf(moving, watching));

        // Started again, the node loads the store (the mover's spawn point: nothing saved yet) and asks the owner to relay everything.
        await cluster.StartNodeAsync(owner);
        await using var lateClient = (await cluster.ConnectAsUserAsync(owner)).Client;
        var late = await WatchedPlayers.SubscribeAsync(lateClient);
        await late.UntilAtAsync(auth.User.Id, after.PositionX, after.PositionY, Timeout);
    }

    // While no node owns the world a move waits for one (Cluster:ForwardTimeout), then is refused with -32050: asked again until answered.
    private static async Task<Position> MoveUntilAnsweredAsync(GameClient client, double dx, double dy, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await client.MoveAsync(dx, dy);
            }
            catch (GameRpcException e) when (e.Code == ErrorCodes.OwnerUnavailable && deadline.Elapsed < timeout)
            {
                // No owner yet; the next attempt waits for one again.
            }
        }
    }
}
