using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol;
using GameServer.Protocol.Client;

namespace GameServer.Tools.Bots;

internal sealed partial class Bot
{
    // The players this bot sees and where it last saw them; touched only on the client's receive loop
    // (and cleared before a new connection's loop starts).
    private readonly Dictionary<int, (double X, double Y)> _inView = [];

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
        if (notification.Method == Methods.PlayersUpdated)
        {
            Counters.UpdateIn();
            OnUpdated(notification.Params, receivedAt);
        }
        else if (notification.Method == Methods.MonstersUpdated)
        {
            OnMonstersUpdated(notification.Params);
        }
        else if (notification.Method == Methods.MonstersRemoved)
        {
            lock (_monsters)
            {
                foreach (var id in notification.Params.GetProperty("ids"u8).EnumerateArray())
                {
                    _monsters.Remove(id.GetInt32());
                }
            }
        }
        else if (notification.Method == Methods.PlayersLeftView)
        {
            foreach (var id in notification.Params.GetProperty("ids"u8).EnumerateArray())
            {
                _inView.Remove(id.GetInt32());
            }
        }
    }

    private void OnUpdated(JsonElement parameters, long receivedAt)
    {
        var measured = swarm.InWindow(receivedAt);
        foreach (var player in parameters.GetProperty("players"u8).EnumerateArray())
        {
            var id = player.GetProperty("id"u8).GetInt32();
            var x = player.GetProperty("position_x"u8).GetDouble();
            var y = player.GetProperty("position_y"u8).GetDouble();
            ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_inView, id, out var wasInView);
            var moved = seen.X != x || seen.Y != y;
            seen = (x, y);
            if (id == PlayerId || swarm.Mover(id) is not { } mover)
            {
                continue;
            }

            if (!wasInView)
            {
                CameIntoView += measured ? 1 : 0;
            }
            else if (moved)
            {
                // Unmoved means a change of presence only: not a move, nothing to measure.
                Measure(mover, x, y, receivedAt);
            }
        }
    }

    private void OnMonstersUpdated(JsonElement parameters)
    {
        lock (_monsters)
        {
            foreach (var monster in parameters.GetProperty("monsters"u8).EnumerateArray())
            {
                _monsters[monster.GetProperty("id"u8).GetInt32()] =
                    (monster.GetProperty("position_x"u8).GetDouble(), monster.GetProperty("position_y"u8).GetDouble());
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
