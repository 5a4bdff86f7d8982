using GameServer.Cluster;
using GameServer.Cluster.Leases;
using GameServer.Jobs;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Inventory;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Cluster;

/// <summary>Once-per-cluster jobs run once per interval for the whole game, whichever node runs them.</summary>
[Category("Integration")]
[CancelAfter(120_000)]
public sealed class ClusterJobsTests
{
    [Test]
    public async Task Three_nodes_give_one_gift_per_interval_cluster_wide_also_when_the_giving_node_stops()
    {
        await using var cluster = await ClusterNodes.StartAsync(3, "--Gifts:Enabled=true", "--Gifts:Interval=00:00:10");
        var (alice, aliceAuth) = await cluster[0].ConnectAsUserAsync();
        var (bob, _) = await cluster[1].ConnectAsUserAsync();

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(60));

        Assert.That((await alice.MyInventoryAsync()).Items.Select(i => i.Name), Is.EqualTo(Enumerable.Repeat($"Gift for {aliceAuth.User.Username}", 6)));
        Assert.That((await bob.MyInventoryAsync()).Items, Has.Count.EqualTo(6));
        Assert.That(cluster.Nodes.Sum(GiftRuns), Is.EqualTo(6));

        // Usually one node ran all six; on a loaded machine Redis's real-time expiry may have moved the lease between steps.
        var giver = cluster.Nodes.Single(node => node.Services.GetRequiredService<ILeases>().Get("job:gifts").IsHeld);

        // The giving node stops: another takes the lease over and gives on, with no run early or missed.
        await cluster.StopAsync(giver);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(30));

        // Alice may have been on the stopped node: she signs in again on one that runs.
        var again = await cluster[0].ConnectAsync();
        await again.LoginAsync(aliceAuth.User.Username, Some.Password);
        var items = (await again.MyInventoryAsync()).Items;
        Assert.That(items, Has.Count.EqualTo(9));
        Assert.That(items.Select(i => i.Id), Is.Unique);
        Assert.That(cluster.Nodes.Sum(GiftRuns), Is.EqualTo(3));
    }

    [Test]
    public async Task A_user_online_on_another_node_than_the_giver_gets_a_gift_though_not_seen_within_ActiveWithin()
    {
        // Everyone is seen at the start, 10 s before the first run, with a window of 5 s: then only being online counts.
        await using var cluster = await ClusterNodes.StartAsync(2, "--Gifts:Enabled=true", "--Gifts:Interval=00:00:10", "--Gifts:ActiveWithin=00:00:05");
        var (gone, goneAuth) = await cluster[0].ConnectAsUserAsync();
        await cluster[0].DisconnectAsync(gone);

        // One on each node: whichever node gives, the other's user is online elsewhere.
        var (onFirst, firstAuth) = await cluster[0].ConnectAsUserAsync();
        var (onSecond, secondAuth) = await cluster[1].ConnectAsUserAsync();
        await WhenOnlineAsync(cluster[1], firstAuth.User.Id);
        await WhenOnlineAsync(cluster[0], secondAuth.User.Id);

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.That(cluster.Nodes.Sum(GiftRuns), Is.EqualTo(1));
        Assert.That((await onFirst.MyInventoryAsync()).Items, Has.Count.EqualTo(1), "online on the first node");
        Assert.That((await onSecond.MyInventoryAsync()).Items, Has.Count.EqualTo(1), "online on the second node");

        // Logging in counts as being seen, so only after the run.
        var again = await cluster[1].ConnectAsync();
        await again.ResumeAsync(goneAuth.Token);
        Assert.That((await again.MyInventoryAsync()).Items, Is.Empty, "offline and last seen before the window");
    }

    [Test]
    public async Task Jobs_of_a_nodes_own_memory_run_on_every_node()
    {
        await using var cluster = await ClusterNodes.StartAsync(2, "--Analytics:WriteInterval=00:00:01");

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.That(cluster.Nodes.Select(node => Runs(node, "analytics-writes")), Is.All.EqualTo(3));
    }

    // Presence crosses nodes over Redis pub/sub, in real time: the run must find the user there.
    private static async Task WhenOnlineAsync(InProcessServer node, int userId)
    {
        var presence = node.Services.GetRequiredService<Presence>();
        var online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(int user, bool isOnline)
        {
            if (user == userId && isOnline)
            {
                online.TrySetResult();
            }
        }

        presence.Changed += OnChanged;
        try
        {
            if (!presence.IsOnline(userId))
            {
                await online.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CurrentContext.CancellationToken);
            }
        }
        finally
        {
            presence.Changed -= OnChanged;
        }
    }

    private static long GiftRuns(InProcessServer node) => Runs(node, "gifts");

    private static long Runs(InProcessServer node, string job) =>
        node.Services.GetRequiredService<JobScheduler>().Statuses.Single(s => s.Name == job).Runs;
}
