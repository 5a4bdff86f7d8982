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
    public async Task Jobs_of_a_nodes_own_memory_run_on_every_node()
    {
        await using var cluster = await ClusterNodes.StartAsync(2, "--Analytics:WriteInterval=00:00:01");

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.That(cluster.Nodes.Select(node => Runs(node, "analytics-writes")), Is.All.EqualTo(3));
    }

    private static long GiftRuns(InProcessServer node) => Runs(node, "gifts");

    private static long Runs(InProcessServer node, string job) =>
        node.Services.GetRequiredService<JobScheduler>().Statuses.Single(s => s.Name == job).Runs;
}
