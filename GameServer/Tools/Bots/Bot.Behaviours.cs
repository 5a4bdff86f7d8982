using System.Diagnostics;
using System.Globalization;
using GameServer.Protocol;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.Players;

namespace GameServer.Tools.Bots;

internal sealed partial class Bot
{
    /// <summary>Closer than the server's <c>Monsters:HitReach</c> (3), so that a monster's own step does not take it out of reach.</summary>
    private const double StrikeDistance = 2.5;

    /// <summary>Under the server's <c>Monsters:HitsPerSecond</c> (4).</summary>
    private static readonly TimeSpan StrikeInterval = TimeSpan.FromMilliseconds(300);

    private double _x;
    private double _y;
    private long _lastStrike;
    private int _said;

    // Runs until the window closes, or throws when the connection drops.
    private Task ActAsync(CancellationToken cancellationToken) => behaviour switch
    {
        Behaviour.Walk => TickAsync(options.Rate, () => StepAsync(RandomStep(_x, options.Width), RandomStep(_y, options.Height), cancellationToken), cancellationToken),
        Behaviour.Hunt => TickAsync(options.Rate, () => HuntAsync(cancellationToken), cancellationToken),
        Behaviour.Chat => NowAndThenAsync(() => CallAsync(Methods.ChatSend, c => c.SendChatAsync(Saying(), cancellationToken)), cancellationToken),
        Behaviour.Shop => NowAndThenAsync(() => CallAsync(Methods.InventoryMine, c => c.MyInventoryAsync(cancellationToken)), cancellationToken),
        _ => IdleAsync(cancellationToken),
    };

    // A random first tick spreads the bots' actions evenly over the period.
    private async Task TickAsync(int rate, Func<Task> act, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(1.0 / rate);
        await Task.Delay(period * _random.NextDouble(), cancellationToken);
        using var timer = new PeriodicTimer(period);
        do
        {
            await act();
        }
        while (!swarm.Over(Stopwatch.GetTimestamp()) && await timer.WaitForNextTickAsync(cancellationToken));
    }

    private async Task NowAndThenAsync(Func<Task> act, CancellationToken cancellationToken)
    {
        // The first at a random point of the period spreads the bots; then every period, give or take half.
        var pause = options.NowAndThen * _random.NextDouble();
        while (await PauseAsync(TimeSpan.FromSeconds(pause), cancellationToken))
        {
            try
            {
                await act();
            }
            catch (GameRpcException)
            {
                // Counted by kind in CallAsync; a refused message or read is no reason to stop.
            }

            pause = options.NowAndThen * (0.5 + _random.NextDouble());
        }
    }

    // Silent, but still there: wake up when the window closes, or when the server drops the connection.
    private async Task IdleAsync(CancellationToken cancellationToken) =>
        await Task.WhenAny(_client!.Closed, swarm.Ended.WaitAsync(cancellationToken));

    // Waits, but no later than the end of the window or the connection; false when the bot should stop.
    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        await Task.WhenAny(_client!.Closed, swarm.Ended, Task.Delay(pause, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        return !_client.Closed.IsCompleted && !swarm.Over(Stopwatch.GetTimestamp());
    }

    private async Task HuntAsync(CancellationToken cancellationToken)
    {
        var target = NearestMonster();
        if (target is not { } monster)
        {
            // Nothing to hunt (all defeated, waiting to respawn): wander meanwhile.
            await StepAsync(RandomStep(_x, options.Width), RandomStep(_y, options.Height), cancellationToken);
            return;
        }

        var (dx, dy) = (monster.X - _x, monster.Y - _y);
        if (Math.Sqrt((dx * dx) + (dy * dy)) > StrikeDistance)
        {
            await StepAsync(Math.Clamp(dx, -1, 1), Math.Clamp(dy, -1, 1), cancellationToken);
        }
        else if (Stopwatch.GetElapsedTime(_lastStrike) >= StrikeInterval)
        {
            _lastStrike = Stopwatch.GetTimestamp();
            try
            {
                await CallAsync(Methods.MonstersHit, c => c.HitMonsterAsync(monster.Id, cancellationToken));
            }
            catch (GameRpcException e) when (e.Code == ErrorCodes.NotFound)
            {
                // Defeated by another hunter: forget it now rather than at the next monster tick.
                lock (_monsters)
                {
                    _monsters.Remove(monster.Id);
                }
            }
            catch (GameRpcException)
            {
                // Out of reach (it moved): counted by kind; the next tick looks again.
            }
        }
    }

    private (int Id, double X, double Y)? NearestMonster()
    {
        lock (_monsters)
        {
            (int Id, double X, double Y)? nearest = null;
            var best = double.MaxValue;
            foreach (var (id, (x, y)) in _monsters)
            {
                var distance = ((x - _x) * (x - _x)) + ((y - _y) * (y - _y));
                if (distance < best)
                {
                    (best, nearest) = (distance, (id, x, y));
                }
            }

            return nearest;
        }
    }

    private async Task StepAsync(double dx, double dy, CancellationToken cancellationToken)
    {
        // The server's own arithmetic: the position is known before the answer, which an update to another bot may beat.
        var expectedX = Math.Clamp(_x + dx, 0, options.Width);
        var expectedY = Math.Clamp(_y + dy, 0, options.Height);
        var sentAt = Stopwatch.GetTimestamp();
        var measured = swarm.InWindow(sentAt);
        Remember(expectedX, expectedY, sentAt);
        Counters.MoveSent(measured);
        if (options.NotifyMoves)
        {
            // No answer comes: a refused move shows as unmatched updates, since the bot walks on from where it thinks it is.
            Counters.MessageOut();
            await _client!.SendMoveAsync(dx, dy, cancellationToken);
            Counters.MoveAccepted(measured);
            PlayingAgain();
            (_x, _y) = (expectedX, expectedY);
            return;
        }

        try
        {
            var position = await CallAsync(Methods.PlayersMove, c => c.MoveAsync(dx, dy, cancellationToken));
            Counters.MoveAccepted(measured);
            if (position.PositionX != expectedX || position.PositionY != expectedY)
            {
                // A world of another size than --world: remember where the move really led.
                Remember(position.PositionX, position.PositionY, sentAt);
                Counters.MoveMispredicted(measured);
            }

            (_x, _y) = (position.PositionX, position.PositionY);
        }
        catch (GameRpcException e) when (e.Code == ErrorCodes.RateLimited)
        {
            Counters.MoveRefused(measured);
        }
        catch (GameRpcException)
        {
            // Counted by kind in CallAsync.
        }
    }

    // Compact entries carry rounded positions: the log holds what the others will see.
    private void Remember(double x, double y, long sentAt) =>
        Moves.Add(options.Compact ? PlayerEntries.Compact(x) : x, options.Compact ? PlayerEntries.Compact(y) : y, sentAt);

    private string Saying() => string.Create(CultureInfo.InvariantCulture, $"{username} says hello ({++_said})");

    // A random step in [-1, 1] that turns back at the walls, so the server never clamps and every move leads somewhere new.
    private double RandomStep(double from, double size)
    {
        var step = (_random.NextDouble() * 2) - 1;
        var to = from + step;
        return to < 0 || to > size ? -step : step;
    }
}
