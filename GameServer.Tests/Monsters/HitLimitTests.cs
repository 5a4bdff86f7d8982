using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Monsters;

/// <summary><c>Monsters:HitsPerSecond</c> on both sides of the boundary, in virtual time.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class HitLimitTests
{
    private const int Rate = 4;
    private const int Hits = 100;
    private FakeTimeProvider _time = null!;
    private InProcessServer _server = null!;
    private GameClient _player = null!;
    private int _monster;

    [SetUp]
    public async Task Start()
    {
        _time = new FakeTimeProvider();
        _server = await InProcessServer.StartAsync(
            services => services.AddSingleton<TimeProvider>(_time),
            "--World:Width=20", "--World:Height=20", "--World:MaxMovesPerSecond=1000", "--Monsters:Count=0", $"--Monsters:HitsPerSecond={Rate}");
        var (admin, _) = await _server.ConnectAsAdminAsync();
        (_player, _) = await _server.ConnectAsUserAsync();
        await _player.WalkToAsync(2, 2);
        var monster = await admin.CreateMonsterAsync(2, 3);
        await admin.UpdateMonsterAsync(monster.Id, healthPoints: 1_000_000);
        _monster = monster.Id;
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task A_player_striking_at_95_percent_of_the_limit_is_never_refused()
    {
        var (accepted, refused) = await StrikeSteadilyAsync(0.95 * Rate);

        Assert.That(refused, Is.Empty);
        Assert.That(accepted, Is.EqualTo(Hits));
    }

    [Test]
    public async Task A_player_striking_at_120_percent_of_the_limit_is_held_to_the_rate()
    {
        var perSecond = 1.2 * Rate;

        var (accepted, refused) = await StrikeSteadilyAsync(perSecond);

        var expected = Rate + (Rate * (Hits - 1) / perSecond);
        Assert.That(accepted, Is.InRange(Math.Floor(expected) - 1, Math.Floor(expected) + 1));
        Assert.That(refused.Select(e => e.Code).Distinct(), Is.EqualTo(new[] { ErrorCodes.RateLimited }));
    }

    private async Task<(int Accepted, List<GameRpcException> Refused)> StrikeSteadilyAsync(double perSecond)
    {
        var accepted = 0;
        var refused = new List<GameRpcException>();
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        for (var i = 0; i < Hits; i++)
        {
            _time.Advance(interval);
            try
            {
                await _player.HitMonsterAsync(_monster);
                accepted++;
            }
            catch (GameRpcException e)
            {
                refused.Add(e);
            }
        }

        return (accepted, refused);
    }
}
