using GameServer.Cluster.Leases;
using GameServer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace GameServer.Tests.Cluster.Leases;

/// <summary>The lease against a real Redis: the scripts decide who holds it, and the fencing token only grows.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class RedisLeaseTests
{
    private const string Name = "job:test";

    private ConnectionMultiplexer _redis = null!;
    private RedisLeaseStore _store = null!;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [SetUp]
    public async Task SetUp()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(TestRedis.Shared.Configuration);
        _store = new RedisLeaseStore(_redis, TestRedis.GameName());
    }

    [TearDown]
    public async Task TearDown() => await _redis.DisposeAsync();

    [Test]
    public async Task Of_two_holders_competing_one_takes_the_lease_and_only_it_can_renew_or_release_it()
    {
        var first = await _store.TryAcquireAsync(Name, "a", TimeSpan.FromSeconds(30));
        var second = await _store.TryAcquireAsync(Name, "b", TimeSpan.FromSeconds(30));

        Assert.That(first, Is.Not.Null);
        Assert.That(second, Is.Null);
        Assert.That(await _store.RenewAsync(Name, "b", first!.Value, TimeSpan.FromSeconds(30)), Is.False);
        Assert.That(await _store.RenewAsync(Name, "a", first.Value + 1, TimeSpan.FromSeconds(30)), Is.False);
        Assert.That(await _store.RenewAsync(Name, "a", first.Value, TimeSpan.FromSeconds(30)), Is.True);
        await _store.ReleaseAsync(Name, "b", first.Value);
        Assert.That(await _store.IsHeldAsync(Name, "a", first.Value), Is.True);

        await _store.ReleaseAsync(Name, "a", first.Value);
        var third = await _store.TryAcquireAsync(Name, "b", TimeSpan.FromSeconds(30));

        Assert.That(third, Is.GreaterThan(first));
    }

    [Test]
    public async Task An_expired_lease_is_taken_by_another_with_a_greater_token_and_the_old_holder_cannot_renew_it()
    {
        var old = (await _store.TryAcquireAsync(Name, "a", TimeSpan.FromMilliseconds(200)))!.Value;
        await using var b = new Lease(Name, _store, "b", TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(100), TimeProvider.System, NullLogger.Instance);

        await TakenAsync(b);

        Assert.That(b.Token, Is.GreaterThan(old));
        Assert.That(await _store.RenewAsync(Name, "a", old, TimeSpan.FromSeconds(30)), Is.False);
        Assert.That(await b.IsCurrentAsync(b.Token!.Value), Is.True);
    }

    [Test]
    public async Task A_paused_holder_loses_the_lease_to_a_live_one_and_cannot_renew_it_when_it_wakes()
    {
        // a's clock stands still: its heartbeats stop, as in a process that froze.
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var timeout = TimeSpan.FromMilliseconds(900);
        var heartbeat = TimeSpan.FromMilliseconds(300);
        await using var a = new Lease(Name, _store, "a", timeout, heartbeat, frozen, NullLogger.Instance);
        await a.WhenIdleAsync();
        var aToken = a.Token;
        Assert.That(aToken, Is.Not.Null);

        await using var b = new Lease(Name, _store, "b", timeout, heartbeat, TimeProvider.System, NullLogger.Instance);
        await TakenAsync(b);

        // a wakes: its own clock says the lease ran out, and its next heartbeat finds it taken.
        frozen.Advance(timeout);
        Assert.That(a.Token, Is.Null);
        frozen.Advance(heartbeat);
        await a.WhenIdleAsync();

        Assert.That(a.Token, Is.Null);
        Assert.That(await a.IsCurrentAsync(aToken!.Value), Is.False);
        Assert.That(b.Token, Is.GreaterThan(aToken));
        Assert.That(await _store.IsHeldAsync(Name, "a", aToken.Value), Is.False);
    }

    [Test]
    public async Task A_holder_that_stops_releases_the_lease_and_another_takes_it_well_before_the_timeout()
    {
        var timeout = TimeSpan.FromSeconds(20);
        var heartbeat = TimeSpan.FromMilliseconds(100);
        var a = new Lease(Name, _store, "a", timeout, heartbeat, TimeProvider.System, NullLogger.Instance);
        await a.WhenIdleAsync();
        await using var b = new Lease(Name, _store, "b", timeout, heartbeat, TimeProvider.System, NullLogger.Instance);
        var started = TimeProvider.System.GetTimestamp();

        await a.DisposeAsync();
        await TakenAsync(b);

        Assert.That(TimeProvider.System.GetElapsedTime(started), Is.LessThan(timeout / 2));
        Assert.That(a.Token, Is.Null);
    }

    /// <summary>Completes when <paramref name="lease"/> is taken (bounded by the test's timeout).</summary>
    private static async Task TakenAsync(Lease lease)
    {
        var took = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lease.Changed += changed =>
        {
            if (changed.Token is not null)
            {
                took.TrySetResult();
            }
        };
        if (lease.Token is null)
        {
            await took.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        }
    }
}
