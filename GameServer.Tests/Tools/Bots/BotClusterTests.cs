using GameServer.Tests.Cluster;
using GameServer.Tests.Support;
using GameServer.Tools.Bots;

namespace GameServer.Tests.Tools.Bots;

/// <summary>
/// The bots over two GameServer nodes as separate processes (<see cref="TestCluster"/>): spread over
/// both, every node's bots see the moves of the bots on the other; and a bot whose node is SIGKILLed
/// resumes on the other node and moves again. Not a benchmark: a few seconds, no figure asserted.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
[NonParallelizable] // Server processes of their own: alongside the other fixtures they starve on two cores.
public sealed class BotClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private TestCluster _cluster = null!;

    // A cluster per test: the second kills one of its nodes.
    [SetUp]
    public async Task StartNodes() => _cluster = await TestCluster.StartAsync(2, TestRedis.Shared);

    [TearDown]
    public void StopNodes() => _cluster?.Dispose();

    [Test]
    public async Task Bots_spread_over_two_nodes_see_each_others_moves_on_both(CancellationToken cancellationToken)
    {
        var urls = Urls();
        var options = new BotsOptions(urls, Count: 4, Rate: 10, Seconds: 2, Warmup: 1) { RampUp = 0, UsersPrefix = Some.Username("c") };

        var result = await BotRun.RunAsync(options, urls, serverCpu: null, cancellationToken, progress: _ => { });
        var nodes = await NodeRoles.AddAsync(result.Nodes, options, cancellationToken);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Unmatched, Is.Zero);
        Assert.That(nodes.Select(n => (n.Url, n.Bots, n.Joined)), Is.EqualTo(urls.Select(u => (u, 2, 2))), "bot i joins node i mod 2");
        Assert.That(nodes.Select(n => n.Arrivals.Count), Has.All.GreaterThan(0), "moves made on either node arrive at the bots of both");
        Assert.That(nodes.Select(n => n.Id), Is.EqualTo(new[] { "node-0", "node-1" }));
        Assert.That(nodes.Count(n => n.OwnsWorld), Is.EqualTo(1), "one node owns the world");
    }

    [Test]
    public async Task A_bot_whose_node_is_SIGKILLed_resumes_on_the_other_and_moves_again(CancellationToken cancellationToken)
    {
        var urls = Urls();
        await using var looker = (await _cluster.ConnectAsUserAsync(0)).Client;
        var victim = 1 - await WorldOwners.OwnerAsync(looker, [0, 1], Timeout);
        var options = new BotsOptions(urls, Count: 2, Rate: 10, Seconds: 6, Warmup: 1) { RampUp = 0, UsersPrefix = Some.Username("k") };
        var killed = 0;

        var result = await BotRun.RunAsync(options, urls, serverCpu: null, cancellationToken, progress: p =>
        {
            // Bot i is on node i mod 2: killing the node that does not own the world drops exactly one bot.
            if (p.Connected == 2 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                _cluster.Kill(victim);
            }
        });

        Assert.That(killed, Is.EqualTo(1), "the node was killed while both bots played");
        Assert.That(result.Reconnects.Values.Sum(), Is.GreaterThanOrEqualTo(1));
        Assert.That(result.RoundTrips["auth.resume"].Count, Is.GreaterThanOrEqualTo(1));
        Assert.That(result.OutOfPlay.Count, Is.GreaterThanOrEqualTo(1), "a move of the dropped bot was accepted after it resumed");
        Assert.That(result.OutOfPlay.MaxMs, Is.LessThan(10_000), "issue 15: playing again within 10 s");
        Assert.That(result.Errors.Keys, Has.None.EqualTo("reconnect gave up"));
    }

    private ValueList<Uri> Urls() => new([_cluster[0].WebSocketAddress, _cluster[1].WebSocketAddress]);
}
