using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Players;

/// <summary>
/// <c>World:MaxMovesPerSecond</c> on both sides of the boundary, in virtual time: a client moving
/// steadily under the rate is never refused, one above it is held to the rate.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class MoveLimitTests
{
    private const int Rate = 20;
    private const int Moves = 300;
    private FakeTimeProvider _time = null!;
    private InProcessServer _server = null!;

    [SetUp]
    public async Task Start()
    {
        _time = new FakeTimeProvider();
        _server = await InProcessServer.StartAsync(services => services.AddSingleton<TimeProvider>(_time), $"--World:MaxMovesPerSecond={Rate}");
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task A_client_moving_at_95_percent_of_the_limit_is_never_refused()
    {
        var (client, _) = await _server.ConnectAsUserAsync();

        // The sliding window refused about one move in five of a client moving every 60 ms under a limit of 20.
        var (accepted, refused) = await MoveSteadilyAsync(client, 0.95 * Rate);

        Assert.That(refused, Is.Empty);
        Assert.That(accepted, Is.EqualTo(Moves));
    }

    [Test]
    public async Task A_client_moving_every_60_ms_is_never_refused()
    {
        var (client, _) = await _server.ConnectAsUserAsync();

        var (_, refused) = await MoveSteadilyAsync(client, 1000.0 / 60);

        Assert.That(refused, Is.Empty);
    }

    [Test]
    public async Task A_client_moving_at_120_percent_of_the_limit_is_held_to_the_rate()
    {
        var (client, _) = await _server.ConnectAsUserAsync();
        var perSecond = 1.2 * Rate;

        var (accepted, refused) = await MoveSteadilyAsync(client, perSecond);

        // A full bucket to start with, then the rate: capacity + rate × the time between the first and the last move.
        var expected = Rate + (Rate * (Moves - 1) / perSecond);
        Assert.That(accepted, Is.InRange(Math.Floor(expected) - 1, Math.Floor(expected) + 1));
        Assert.That(refused.Select(e => e.Code).Distinct(), Is.EqualTo(new[] { ErrorCodes.RateLimited }));
        Assert.That(refused[0].Data?.GetProperty("retry_after_ms").GetDouble(), Is.InRange(1.0, (1000.0 / Rate) + 1), "retry after at most one token's time");
    }

    [Test]
    public async Task Moves_over_the_limit_are_refused_and_not_applied()
    {
        var (client, auth) = await _server.ConnectAsUserAsync();
        var start = (await client.ListPlayersAsync()).Single(p => p.User == auth.User.Id);
        var dx = start.PositionX < 50 ? 1 : -1;

        var accepted = 0;
        GameRpcException? refused = null;
        for (var i = 0; i < Rate + 5 && refused is null; i++)
        {
            try
            {
                await client.MoveAsync(dx * 0.5, 0);
                accepted++;
            }
            catch (GameRpcException e)
            {
                refused = e;
            }
        }

        _time.Advance(TimeSpan.FromSeconds(1.0 / Rate));
        var afterOneToken = await client.MoveAsync(0, 0);

        Assert.That(refused?.Code, Is.EqualTo(ErrorCodes.RateLimited));
        Assert.That(accepted, Is.EqualTo(Rate), "a burst of the rate, no more, while the clock stands still");
        Assert.That(afterOneToken.PositionX, Is.EqualTo(start.PositionX + (Rate * dx * 0.5)), "the refused move was not applied");
    }

    /// <summary>Makes <see cref="Moves"/> moves, one every 1/<paramref name="perSecond"/> s of virtual time.</summary>
    private async Task<(int Accepted, List<GameRpcException> Refused)> MoveSteadilyAsync(GameClient client, double perSecond)
    {
        var accepted = 0;
        var refused = new List<GameRpcException>();
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        for (var i = 0; i < Moves; i++)
        {
            _time.Advance(interval);
            try
            {
                await client.MoveAsync(0, 0);
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
