using System.Diagnostics;
using System.Text.Json;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.Players;

namespace GameServer.Tools.Bots;

internal sealed partial class Bot
{
    // The players this bot sees, from partial and compact entries alike; touched only on the client's
    // receive loop (and reset by the snapshot of each new subscription).
    private readonly PlayerView _view = new();

    // A hunter's monsters and where they are: written on the receive loop, read by the behaviour loop.
    private readonly Dictionary<int, (double X, double Y)> _monsters = [];

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
        Counters.MessageIn();
        if (notification.Method == Methods.PlayersUpdated || notification.Method == Methods.PlayersLeftView)
        {
            Counters.UpdateIn();
            OnPlayers(notification, receivedAt);
        }
        else if (notification.Method == Methods.MonstersUpdated)
        {
            OnMonstersUpdated(notification.Params);
        }
        else if (notification.Method == Methods.MonstersRemoved || notification.Method == Methods.MonstersLeftView)
        {
            lock (_monsters)
            {
                foreach (var id in notification.Params.GetProperty("ids"u8).EnumerateArray())
                {
                    _monsters.Remove(id.GetInt32());
                }
            }
        }
    }

    private void OnPlayers(GameNotification notification, long receivedAt)
    {
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

    private void OnMonstersUpdated(JsonElement parameters)
    {
        lock (_monsters)
        {
            // Partial entries: a monster in view may come with only the axis that changed, or none.
            foreach (var monster in parameters.GetProperty("monsters"u8).EnumerateArray())
            {
                var id = monster.GetProperty("id"u8).GetInt32();
                var (x, y) = _monsters.GetValueOrDefault(id);
                _monsters[id] = (
                    monster.TryGetProperty("position_x"u8, out var px) ? px.GetDouble() : x,
                    monster.TryGetProperty("position_y"u8, out var py) ? py.GetDouble() : y);
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
