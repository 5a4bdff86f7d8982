using System.Diagnostics;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol.Client;
using GameServer.Protocol.Players;

namespace GameServer.Tools.Bots;

internal sealed partial class Bot
{
    // The players this bot sees, from partial and compact entries alike; touched only on the client's receive loop.
    private readonly PlayerView _view = new();

    /// <summary>Send of another bot's move to its arrival here, for players already in view.</summary>
    public LatencyHistogram Arrivals { get; } = new();

    /// <summary>Players that came into view: their position may be old, so it is not a move's latency.</summary>
    public long CameIntoView { get; private set; }

    /// <summary>Another bot at a new position that is not in its move log.</summary>
    public long Unmatched { get; private set; }

    // Runs on the receive loop for every notification, thousands of times a second: no LINQ, no records, no lookups by string.
    private void OnNotification(GameNotification notification)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        var measured = swarm.InWindow(receivedAt);
        foreach (var change in _view.Apply(notification))
        {
            if (change.Id == PlayerId || swarm.Mover(change.Id) is not { } mover)
            {
                continue;
            }

            if (change.IsNew)
            {
                CameIntoView += measured ? 1 : 0;
            }
            else if (change.Moved)
            {
                // Unmoved means a change of presence only: not a move, nothing to measure.
                _view.TryGetPosition(change.Id, out var x, out var y);
                Measure(mover, x, y, receivedAt);
            }
        }
    }

    private void Measure(Bot mover, double x, double y, long receivedAt)
    {
        if (!mover.Moves.TryFind(x, y, out var sentAt))
        {
            Unmatched += swarm.InWindow(receivedAt) ? 1 : 0;
        }
        else if (swarm.InWindow(sentAt))
        {
            // Moves sent in the window count wherever they arrive, so the slow ones at its end are not lost.
            Arrivals.Record(receivedAt - sentAt);
        }
    }
}
