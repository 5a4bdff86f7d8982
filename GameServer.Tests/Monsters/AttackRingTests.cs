using GameServer.Monsters;
using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;

namespace GameServer.Tests.Monsters;

/// <summary>Attackers take distinct places round their target: the rule, and monsters following it tick by tick.</summary>
[Category("Unit")]
public sealed class AttackRingTests
{
    [Test]
    public void Attackers_of_one_target_take_the_slots_in_order_of_id_and_others_are_left_out()
    {
        MonsterRecord[] monsters =
        [
            new() { Id = 9, State = MonsterState.Attacking, UserBeingAttacked = 1 },
            new() { Id = 4, State = MonsterState.Attacking, UserBeingAttacked = 1 },
            new() { Id = 7, State = MonsterState.Attacking, UserBeingAttacked = 2 },
            new() { Id = 5, State = MonsterState.Wandering },
            new() { Id = 6, State = MonsterState.Evading, UserBeingAttacked = 1 },
            new() { Id = 8, State = MonsterState.Attacking, UserBeingAttacked = 1, RespawnAt = DateTime.UtcNow },
        ];

        var places = AttackRing.Places(monsters);

        Assert.That(places, Is.EquivalentTo(new Dictionary<int, (int, int)> { [4] = (0, 2), [9] = (1, 2), [7] = (0, 1) }));
    }

    [Test]
    public void The_places_are_distinct_evenly_spaced_and_within_reach([Values(1, 2, 3, 5, 8)] int attackers)
    {
        var spots = Enumerable.Range(0, attackers).Select(slot => AttackRing.Spot(50, 50, slot, attackers, AttackRing.RadiusFor(3))).ToList();

        var closest = spots.SelectMany((a, i) => spots.Skip(i + 1).Select(b => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)))).DefaultIfEmpty(double.MaxValue).Min();
        Assert.That(spots.Select(s => Math.Sqrt(Math.Pow(s.X - 50, 2) + Math.Pow(s.Y - 50, 2))), Is.All.EqualTo(2).Within(1e-9), "on the ring, within the reach of 3");
        Assert.That(closest, Is.GreaterThanOrEqualTo((2 * 2 * Math.Sin(Math.PI / attackers)) - 1e-9), "evenly spaced");
    }

    [Test]
    public void A_short_reach_draws_the_ring_in() => Assert.That(AttackRing.RadiusFor(1.5), Is.EqualTo(1));
}

/// <summary>Monsters attacking one player in a world whose ticks happen only when the test advances the clock.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class AttackersSurroundTheirTargetTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    [Test]
    public async Task Four_attackers_coming_from_one_side_end_on_four_distinct_places_within_reach()
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(
            clock.Register,
            "--World:Width=40", "--World:Height=40", "--World:MaxMovesPerSecond=1000",
            "--Monsters:Count=0", "--Monsters:TickEnabled=true", "--Monsters:AggroRadius=10", "--Monsters:HitReach=3", "--Monsters:ChaseStep=0.8");
        var (admin, _) = await server.ConnectAsAdminAsync();
        await admin.WalkToAsync(39, 39);
        var (player, auth) = await server.ConnectAsUserAsync();
        await player.WalkToAsync(20, 20);
        var ids = new List<int>();
        foreach (var y in new[] { 19.0, 19.5, 20.0, 20.5 })
        {
            ids.Add((await admin.CreateMonsterAsync(26, y)).Id);
        }

        await clock.AdvanceAsync(server, Tick * 20, Tick);

        var monsters = (await admin.ListMonstersAsync()).Where(m => ids.Contains(m.Id)).ToList();
        Assert.That(monsters.Select(m => (m.State, m.UserBeingAttacked)), Is.All.EqualTo((MonsterStates.Attacking, (int?)auth.User.Id)));
        var places = monsters.Select(m => (m.PositionX, m.PositionY)).ToList();
        var closest = places.SelectMany((a, i) => places.Skip(i + 1).Select(b => Distance(a, b))).Min();
        Assert.That(closest, Is.GreaterThan(2.5), $"no two attackers on one spot: {string.Join(", ", places)}");
        Assert.That(places.Select(p => Distance(p, (20, 20))), Is.All.LessThanOrEqualTo(3), "each within the player's reach");
        foreach (var id in ids)
        {
            Assert.That((await player.HitMonsterAsync(id)).HealthPoints, Is.EqualTo(8), "the player strikes every attacker from where it stands");
        }
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
}
