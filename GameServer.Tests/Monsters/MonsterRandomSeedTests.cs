using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;

namespace GameServer.Tests.Monsters;

/// <summary>With <c>Monsters:RandomSeed</c>, where monsters wander is the same on every run: a behaviour test can be repeated exactly.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class MonsterRandomSeedTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    [Test]
    public async Task The_same_seed_wanders_the_same_path_and_another_seed_does_not()
    {
        var first = await WanderAsync(seed: 7);
        var again = await WanderAsync(seed: 7);
        var other = await WanderAsync(seed: 8);

        Assert.That(first, Has.Count.EqualTo(10));
        Assert.That(first.Distinct().Count(), Is.GreaterThan(1), "the monster moved");
        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    // A lone monster in an empty 20 × 20 world, ticked ten times: its position after each tick.
    private static async Task<List<(double X, double Y)>> WanderAsync(int seed)
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(
            clock.Register,
            "--World:Width=20", "--World:Height=20", "--Monsters:Count=0", "--Monsters:TickEnabled=true", $"--Monsters:RandomSeed={seed}");
        var (admin, _) = await server.ConnectAsAdminAsync();
        await admin.WalkToAsync(19, 19);
        var monster = await admin.CreateMonsterAsync(10, 10);
        var path = new List<(double X, double Y)>();
        for (var i = 0; i < 10; i++)
        {
            await clock.AdvanceAsync(server, Tick, Tick);
            var now = await admin.GetMonsterAsync(monster.Id);
            path.Add((now.PositionX, now.PositionY));
        }

        return path;
    }
}
