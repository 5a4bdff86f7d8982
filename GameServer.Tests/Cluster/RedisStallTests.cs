using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using GameServer.Cluster;
using GameServer.Cluster.Authority;
using GameServer.Players;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace GameServer.Tests.Cluster;

/// <summary>
/// The authorities and the bus subscribed with synchronous StackExchange.Redis calls, one of them on a
/// timer every heartbeat. SE.Redis reads its replies on the thread pool, so while Redis was slow the
/// blocked pool threads starved the reader that would have freed them: a node starting on a busy machine
/// queued work for minutes and never became healthy. Now nothing waits on Redis on the caller's thread.
/// A Redis of the test's own, paused (<c>CLIENT PAUSE</c>), makes "Redis has not answered yet" certain:
/// a ping sent on the subscription connection before the calls is still unanswered after they return.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class RedisStallTests
{
    private const int PauseMilliseconds = 3000;
    private static readonly JsonTypeInfo<int> Int = PlayersClusterJson.Default.Int32;

    [Test]
    public async Task An_authority_made_followed_and_asked_while_Redis_is_paused_holds_no_thread_and_answers_after()
    {
        using var redis = TestRedis.StartOwn();
        // Longer than the pause: the question is whether it is answered after, not how long it may wait.
        await using var node = await StartNodeAsync(redis, "--Cluster:ForwardTimeout=00:00:20");
        await using var admin = await AdminConnectionAsync(redis);
        var subscriber = node.Services.GetRequiredService<IConnectionMultiplexer>().GetSubscriber();
        await PauseAsync(admin);

        var unanswered = subscriber.PingAsync();
        var authority = node.Services.GetRequiredService<IAuthorities>().Get("test:stalled");
        authority.OnChanges("changes", Int, _ => { });
        authority.Answer("echo", Int, Int, value => value);
        var asked = authority.AskAsync<int, int>("echo", 7, CancellationToken.None).AsTask();

        Assert.That((unanswered.IsCompleted, asked.IsCompleted), Is.EqualTo((false, false)), "made, followed and asked before Redis answered anything");
        Assert.That(await asked.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(7), "once Redis answers, this node takes the free lease and answers itself");
    }

    [Test]
    public async Task Subscribing_to_the_bus_while_Redis_is_paused_holds_no_thread_and_completes_after()
    {
        using var redis = TestRedis.StartOwn();
        await using var node = await StartNodeAsync(redis);
        await using var admin = await AdminConnectionAsync(redis);
        var multiplexer = node.Services.GetRequiredService<IConnectionMultiplexer>();
        using var transport = new RedisBusTransport(multiplexer, new ClusterKeys(TestRedis.GameName()), node.Services.GetRequiredService<LocalNode>(), node.Services, NullLogger<RedisBusTransport>.Instance);
        await PauseAsync(admin);

        var unanswered = multiplexer.GetSubscriber().PingAsync();
        var subscribed = transport.EnsureSubscribedAsync();

        Assert.That((unanswered.IsCompleted, subscribed.IsCompleted), Is.EqualTo((false, false)), "returned before Redis answered");
        Assert.That(await subscribed.WaitAsync(TimeSpan.FromSeconds(30)), Is.True, "subscribed once Redis answers");
    }

    [Test]
    public async Task A_subscription_that_timed_out_while_Redis_was_paused_leaves_no_queue_behind()
    {
        using var redis = TestRedis.StartOwn();
        var game = TestRedis.GameName();
        // A short timeout, so that the pause makes the first subscriptions fail rather than merely wait.
        await using var node = await StartNodeAsync(redis, $"--Cluster:Redis={redis.Configuration},asyncTimeout=1000", $"--Cluster:Name={game}", "--Cluster:ForwardTimeout=00:00:20");
        await using var admin = await AdminConnectionAsync(redis);
        var multiplexer = node.Services.GetRequiredService<IConnectionMultiplexer>();
        await PauseAsync(admin);

        var authority = node.Services.GetRequiredService<IAuthorities>().Get("test:stalled");
        authority.OnChanges("changes", Int, _ => { });
        authority.Answer("echo", Int, Int, value => value);
        await admin.GetDatabase().PingAsync(); // Answered once the pause is over: the first pass timed out by then.
        Assert.That(await authority.AskAsync<int, int>("echo", 7, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(7), "asking subscribes what is missing");

        var prefix = $"{game}:authority:test:stalled";
        var replies = $"{prefix}:replies:{node.Services.GetRequiredService<LocalNode>().InstanceId:N}";
        foreach (var channel in new[] { replies, $"{prefix}:owner", $"{prefix}:changes:changes" })
        {
            Assert.That(QueuesOf(multiplexer, channel), Is.EqualTo(1), $"{channel}: one queue, none left by the timed-out attempts");
        }
    }

    // StackExchange.Redis counts a channel's queues only internally; the version is pinned, and a rename fails here loudly.
    private static int QueuesOf(IConnectionMultiplexer multiplexer, string channel)
    {
        var counts = typeof(ConnectionMultiplexer).GetMethod("GetSubscriberCounts", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("ConnectionMultiplexer.GetSubscriberCounts is gone");
        object?[] arguments = [RedisChannel.Literal(channel), 0, 0];
        counts.Invoke(multiplexer, arguments);
        return (int)arguments[2]!;
    }

    private static Task<InProcessServer> StartNodeAsync(TestRedis redis, params string[] settings) => InProcessServer.StartAsync(
    [
        "--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}",
        $"--Cluster:Redis={redis.Configuration}", $"--Cluster:Name={TestRedis.GameName()}", .. settings,
    ]);

    private static async Task<ConnectionMultiplexer> AdminConnectionAsync(TestRedis redis)
    {
        var options = ConfigurationOptions.Parse(redis.Configuration);
        options.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private static Task PauseAsync(ConnectionMultiplexer admin) => admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", PauseMilliseconds, "ALL");
}
