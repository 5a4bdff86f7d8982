using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.Cluster;

/// <summary>The limits that protect accounts count in Redis: an attack spread over the nodes meets them as on one.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class ClusterLimitsTests
{
    [Test]
    public async Task Failed_logins_spread_over_two_nodes_lock_the_name_at_the_count_of_one_node()
    {
        await using var cluster = await ClusterNodes.StartAsync(2, "--Limits:LoginFailuresPerMinute=10");
        var name = Some.Username();
        await cluster[0].ConnectAsUserAsync(name);
        var (first, second) = (await cluster[0].ConnectAsync(), await cluster[1].ConnectAsync());

        for (var failure = 0; failure < 10; failure++)
        {
            var node = failure % 2 == 0 ? first : second;
            var failed = Assert.ThrowsAsync<GameRpcException>(() => node.LoginAsync(name, "not the password"));
            Assert.That(failed.Code, Is.EqualTo(ErrorCodes.Unauthenticated), $"failure {failure + 1} of the 10 a minute allowed");
        }

        var onFirst = Assert.ThrowsAsync<GameRpcException>(() => first.LoginAsync(name, Some.Password));
        var onSecond = Assert.ThrowsAsync<GameRpcException>(() => second.LoginAsync(name, Some.Password));

        Assert.That(onFirst.Code, Is.EqualTo(ErrorCodes.RateLimited), "locked on the first node after 5 failures there and 5 on the other");
        Assert.That(onSecond.Code, Is.EqualTo(ErrorCodes.RateLimited), "and on the second");
        Assert.That(onSecond.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(6)), "10 a minute: one back every 6 s");

        await cluster.AdvanceAsync(onSecond.RetryAfter!.Value);
        Assert.That((await second.LoginAsync(name, Some.Password)).User.Username, Is.EqualTo(name), "after retry_after the owner signs in");
    }

    [Test]
    public async Task A_success_on_one_node_forgets_the_failures_counted_on_another()
    {
        await using var cluster = await ClusterNodes.StartAsync(2, "--Limits:LoginFailuresPerMinute=3");
        var name = Some.Username();
        await cluster[0].ConnectAsUserAsync(name);
        var (first, second) = (await cluster[0].ConnectAsync(), await cluster[1].ConnectAsync());
        for (var failure = 0; failure < 2; failure++)
        {
            Assert.ThrowsAsync<GameRpcException>(() => first.LoginAsync(name, "not the password"));
        }

        await second.LoginAsync(name, Some.Password);
        for (var failure = 0; failure < 3; failure++)
        {
            var failed = Assert.ThrowsAsync<GameRpcException>(() => first.LoginAsync(name, "not the password"));
            Assert.That(failed.Code, Is.EqualTo(ErrorCodes.Unauthenticated), $"failure {failure + 1} after the success");
        }
    }

    [Test]
    public async Task With_Redis_down_a_node_limits_failed_logins_on_its_own_instead_of_failing_them()
    {
        using var redis = TestRedis.StartOwn();
        await using var node = await InProcessServer.StartAsync(
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}",
            $"--Cluster:Redis={redis.Configuration}", $"--Cluster:Name={TestRedis.GameName()}", "--Limits:LoginFailuresPerMinute=3");
        var name = Some.Username();
        await node.ConnectAsUserAsync(name);
        var client = await node.ConnectAsync();

        redis.Stop();
        for (var failure = 0; failure < 3; failure++)
        {
            var failed = Assert.ThrowsAsync<GameRpcException>(() => client.LoginAsync(name, "not the password"));
            Assert.That(failed.Code, Is.EqualTo(ErrorCodes.Unauthenticated), $"failure {failure + 1} answered as such, Redis down");
        }

        var locked = Assert.ThrowsAsync<GameRpcException>(() => client.LoginAsync(name, Some.Password));
        Assert.That(locked.Code, Is.EqualTo(ErrorCodes.RateLimited), "counted by the node itself");
    }
}
