using GameServer.Cluster.Leases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Cluster.Leases;

/// <summary>
/// The lease's state machine in virtual time, on a store kept like Redis: taken when free, renewed
/// while held, given up by the holder before the store could give it to another, never brought back.
/// </summary>
[Category("Unit")]
[CancelAfter(10_000)]
public sealed class LeaseTests
{
    private const string Name = "world:1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    private FakeTimeProvider _clock = null!;
    private MemoryLeaseStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Support.VirtualClock.Start);
        _store = new MemoryLeaseStore(_clock);
    }

    [Test]
    public async Task A_free_lease_is_taken_at_the_first_heartbeat_with_the_first_token()
    {
        await using var lease = Start("a");
        await lease.WhenIdleAsync();

        Assert.That(lease.Token, Is.EqualTo(1));
        Assert.That(lease.IsCurrent(1), Is.True);
        Assert.That(_store.Holding(Name)?.Holder, Is.EqualTo("a"));
    }

    [Test]
    public async Task A_renewed_lease_stays_with_its_holder_and_the_other_never_gets_it()
    {
        await using var a = Start("a");
        await a.WhenIdleAsync();
        await using var b = Start("b");
        var changes = new List<long?>();
        b.Changed += lease => changes.Add(lease.Token);

        await AdvanceAsync(TimeSpan.FromSeconds(30), a, b);

        Assert.That(a.Token, Is.EqualTo(1));
        Assert.That(b.Token, Is.Null);
        Assert.That(changes, Is.Empty);
    }

    [Test]
    public async Task A_holder_cut_off_from_the_store_stops_acting_before_the_store_lets_another_take_it()
    {
        await using var a = Start("a");
        await a.WhenIdleAsync();
        DateTimeOffset? stoppedAt = null;
        (string Holder, long Token, DateTimeOffset Expires)? heldInStoreThen = null;
        a.Changed += lease =>
        {
            stoppedAt = _clock.GetUtcNow();
            heldInStoreThen = _store.Holding(Name);
        };
        var lastRenewal = _clock.GetUtcNow();

        _store.Unreachable = true;
        await AdvanceAsync(Timeout, a);

        Assert.That(a.Token, Is.Null);
        Assert.That(stoppedAt, Is.EqualTo(lastRenewal + Timeout - a.SafetyMargin));
        Assert.That(heldInStoreThen?.Holder, Is.EqualTo("a"), "when the holder stopped, the store still had it as its own");
        Assert.That(heldInStoreThen?.Expires, Is.GreaterThan(stoppedAt));
    }

    [Test]
    public async Task When_the_holder_is_cut_off_another_takes_the_lease_after_it_expires_with_a_greater_token()
    {
        await using var a = Start("a");
        await a.WhenIdleAsync();
        await using var b = Start("b");

        _store.Pause("a");
        await AdvanceAsync(Timeout + Heartbeat, b);

        Assert.That(b.Token, Is.EqualTo(2));
        Assert.That(a.Token, Is.Null);
        Assert.That(a.IsCurrent(1), Is.False);
        _store.Resume();
    }

    [Test]
    public async Task A_paused_holder_wakes_with_the_lease_lost_and_its_late_renewal_is_refused()
    {
        await using var a = Start("a");
        await a.WhenIdleAsync();
        await using var b = Start("b");
        _store.Pause("a");

        // a's heartbeat at 1 s hangs, as if the process froze while sending it.
        await AdvanceAsync(Timeout + Heartbeat, b);
        Assert.That(b.Token, Is.EqualTo(2));
        Assert.That(a.Token, Is.Null, "a sees by its own clock that it may no longer act, before any answer");

        _store.Resume();
        await a.WhenIdleAsync();

        Assert.That(a.Token, Is.Null);
        Assert.That(await a.IsCurrentAsync(1), Is.False);
        Assert.That(_store.Holding(Name)?.Holder, Is.EqualTo("b"));
    }

    [Test]
    public async Task A_holder_that_stops_gives_the_lease_up_and_another_takes_it_at_its_next_heartbeat()
    {
        var a = Start("a");
        await a.WhenIdleAsync();
        await using var b = Start("b");
        await b.WhenIdleAsync();

        await a.DisposeAsync();
        await AdvanceAsync(Heartbeat, b);

        Assert.That(a.Token, Is.Null);
        Assert.That(b.Token, Is.EqualTo(2));
    }

    [Test]
    public async Task A_store_that_comes_back_after_the_holder_gave_up_sees_it_take_the_lease_again_with_a_new_token()
    {
        await using var a = Start("a");
        await a.WhenIdleAsync();

        _store.Unreachable = true;
        await AdvanceAsync(Timeout, a);
        _store.Unreachable = false;
        await AdvanceAsync(Timeout, a);

        Assert.That(a.Token, Is.EqualTo(2));
    }

    [Test]
    public void In_one_process_every_lease_is_held_with_one_token()
    {
        var lease = new LocalLeases().Get(Name);

        Assert.That(lease.Token, Is.EqualTo(1));
        Assert.That(lease.IsCurrent(1), Is.True);
        Assert.That(lease.IsCurrent(2), Is.False);
    }

    private Lease Start(string holder) => new(Name, _store, holder, Timeout, Heartbeat, _clock, NullLogger.Instance);

    // A tenth of a second at a time, letting each heartbeat finish before going on.
    private async Task AdvanceAsync(TimeSpan by, params Lease[] leases)
    {
        var target = _clock.GetUtcNow() + by;
        while (_clock.GetUtcNow() < target)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            foreach (var lease in leases)
            {
                await lease.WhenIdleAsync();
            }
        }
    }
}
