using System.Diagnostics;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Players;

namespace GameServer.Tools.Bots;

/// <summary>
/// One headless player on a connection of its own: it registers, subscribes, then walks with random
/// steps at a fixed rate, remembering when it sent each move. As a receiver (<c>Bot.Receive.cs</c>)
/// it measures how long the other bots' moves take to reach it. Its counters cover the measured
/// window only; each is written by one loop and read once the bot is disposed.
/// </summary>
internal sealed partial class Bot(string username, Swarm swarm, BotsOptions options) : IAsyncDisposable
{
    public const string Password = "bot password";

    private const int MaxRegisterAttempts = 30;

    private readonly Random _random = new();
    private GameClient? _client;
    private double _x;
    private double _y;

    public string Username => username;

    public int PlayerId { get; private set; }

    public MoveLog Moves { get; } = new();

    public long MovesSent { get; private set; }

    public long MovesAccepted { get; private set; }

    public long MovesRefused { get; private set; }

    /// <summary>Moves answered with another error than rate limiting.</summary>
    public long MovesFailed { get; private set; }

    /// <summary>Accepted moves whose position differed from the one the bot computed before sending.</summary>
    public long Mispredicted { get; private set; }

    /// <summary>Send to answer of the bot's own <c>players.move</c> calls.</summary>
    public LatencyHistogram MoveRoundTrips { get; } = new();

    /// <summary>Connects, registers <see cref="Username"/> and subscribes; the player's start position comes with the snapshot.</summary>
    public async Task JoinAsync(Uri url, CancellationToken cancellationToken)
    {
        _client = await GameClient.ConnectAsync(url, cancellationToken);
        _client.NotificationReceived += OnNotification;
        var auth = await RegisterAsync(cancellationToken);
        var snapshot = await _client.SubscribePlayersAsync(_view, new PlayersSubscribeParams(options.Radius, options.Compact), cancellationToken);

        // Whole world or radius, the snapshot holds the subscriber's own player: it is at distance 0.
        var own = snapshot.Players.FirstOrDefault(p => p.User == auth.User.Id)
            ?? throw new InvalidOperationException($"{username}: the players.subscribe snapshot lacks the bot's own player");
        (PlayerId, _x, _y) = (own.Id, own.PositionX, own.PositionY);
    }

    // Hundreds of bots joining at once fill the server's password-hash queue: the refused ones wait as told and try again.
    private async Task<AuthResult> RegisterAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _client!.RegisterAsync(username, Password, cancellationToken);
            }
            catch (GameRpcException e) when (e.Code == ErrorCodes.RateLimited && attempt < MaxRegisterAttempts)
            {
                await Task.Delay(e.RetryAfter ?? TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Waits <paramref name="stagger"/>, so that the bots' moves spread over the period, then steps at
    /// <c>--rate</c> on a periodic timer until the window closes.
    /// </summary>
    public async Task WalkAsync(TimeSpan stagger, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(1.0 / options.Rate);
        await Task.Delay(stagger, cancellationToken);
        using var timer = new PeriodicTimer(period);
        var maxMoves = (long)(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), swarm.MeasureUntil) / period) + 2;
        for (long i = 0; i < maxMoves && Stopwatch.GetTimestamp() < swarm.MeasureUntil; i++)
        {
            await StepAsync(cancellationToken);
            if (!await timer.WaitForNextTickAsync(cancellationToken))
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        var dx = Step(_x, options.Width);
        var dy = Step(_y, options.Height);

        // The server's own arithmetic: the position is known before the answer, which an update to another bot may beat.
        var expectedX = Math.Clamp(_x + dx, 0, options.Width);
        var expectedY = Math.Clamp(_y + dy, 0, options.Height);
        var sentAt = Stopwatch.GetTimestamp();
        var measured = swarm.InWindow(sentAt);
        Remember(expectedX, expectedY, sentAt);
        MovesSent += measured ? 1 : 0;
        if (options.NotifyMoves)
        {
            // No answer comes: a refused move shows as unmatched updates, since the bot walks on from where it thinks it is.
            await _client!.SendMoveAsync(dx, dy, cancellationToken);
            MovesAccepted += measured ? 1 : 0;
            (_x, _y) = (expectedX, expectedY);
            return;
        }

        try
        {
            var position = await _client!.MoveAsync(dx, dy, cancellationToken);
            if (measured)
            {
                MoveRoundTrips.Record(Stopwatch.GetTimestamp() - sentAt);
                MovesAccepted++;
            }

            if (position.PositionX != expectedX || position.PositionY != expectedY)
            {
                // A world of another size than --world: remember where the move really led.
                Remember(position.PositionX, position.PositionY, sentAt);
                Mispredicted += measured ? 1 : 0;
            }

            (_x, _y) = (position.PositionX, position.PositionY);
        }
        catch (GameRpcException e) when (e.Code == ErrorCodes.RateLimited)
        {
            MovesRefused += measured ? 1 : 0;
        }
        catch (GameRpcException)
        {
            MovesFailed += measured ? 1 : 0;
        }
    }

    // Compact entries carry rounded positions: the log holds what the others will see.
    private void Remember(double x, double y, long sentAt) =>
        Moves.Add(options.Compact ? PlayerEntries.Compact(x) : x, options.Compact ? PlayerEntries.Compact(y) : y, sentAt);

    // A random step in [-1, 1] that turns back at the walls, so the server never clamps and every move leads somewhere new.
    private double Step(double from, double size)
    {
        var step = (_random.NextDouble() * 2) - 1;
        var to = from + step;
        return to < 0 || to > size ? -step : step;
    }
}
