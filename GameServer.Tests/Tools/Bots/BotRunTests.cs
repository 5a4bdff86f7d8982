using GameServer.Tools.Bots;
using GameServer.Tests.Support;

namespace GameServer.Tests.Tools.Bots;

/// <summary>
/// A few bots against the real server with real 50 ms patches: not a benchmark (no figure is
/// asserted), only proof that every bot joins, walks and recognises the others' moves.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class BotRunTests
{
    private InProcessServer _server = null!;

    [SetUp]
    public async Task Start() => _server = await InProcessServer.StartAsync();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Whole_world_bots_see_every_other_bots_moves(CancellationToken cancellationToken)
    {
        var options = new BotsOptions(_server.WebSocketUri, Count: 3, Rate: 10, Seconds: 1, Warmup: 0) { RampUp = 0, UsersPrefix = Some.Username("w") };

        var result = await BotRun.RunAsync(options, options.Urls!, serverCpu: null, cancellationToken, progress: _ => { });

        AssertEveryMoveWasRecognised(result);
        Assert.That(result.FanOut, Is.InRange(1.0, 2.0), "each move reaches the two other bots at most once");
    }

    [Test]
    public async Task Radius_bots_see_the_moves_of_bots_in_view(CancellationToken cancellationToken)
    {
        // The diagonal of the default 100 × 100 world (the default World:MaxRadius, the largest radius allowed):
        // every bot is in view, and the radius path still runs.
        var options = new BotsOptions(_server.WebSocketUri, Count: 3, Rate: 10, Radius: Math.Sqrt((100 * 100) + (100 * 100)), Seconds: 1, Warmup: 0)
        {
            RampUp = 0,
            UsersPrefix = Some.Username("r"),
        };

        var result = await BotRun.RunAsync(options, options.Urls!, serverCpu: null, cancellationToken, progress: _ => { });

        AssertEveryMoveWasRecognised(result);
    }

    [Test]
    public async Task A_second_run_logs_the_same_users_in_without_registering_any(CancellationToken cancellationToken)
    {
        var options = new BotsOptions(_server.WebSocketUri, Count: 3, Rate: 5, Seconds: 1, Warmup: 0) { RampUp = 0, UsersPrefix = Some.Username("u") };

        var first = await BotRun.RunAsync(options, options.Urls!, serverCpu: null, cancellationToken, progress: _ => { });
        var second = await BotRun.RunAsync(options, options.Urls!, serverCpu: null, cancellationToken, progress: _ => { });

        Assert.That((first.Registered, first.LoggedIn), Is.EqualTo((3L, 0L)));
        Assert.That((second.Registered, second.LoggedIn), Is.EqualTo((0L, 3L)), "the users of the first run are reused");
        Assert.That(second.Errors, Is.Empty, "an unknown user's failed login is how registration starts, not an error");
    }

    private static void AssertEveryMoveWasRecognised(BotsResult result)
    {
        Assert.That(result.Window.MovesAccepted, Is.GreaterThan(0));
        Assert.That(result.Window.MovesRefused + result.Window.Mispredicted, Is.Zero);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Arrivals.Count, Is.GreaterThan(0));
        Assert.That(result.Unmatched, Is.Zero);
        Assert.That(result.Arrivals.PercentileMs(0.5), Is.LessThanOrEqualTo(result.Arrivals.MaxMs));
        Assert.That(double.IsNaN(result.ServerCores), Is.True, "no server process was given");
    }
}
