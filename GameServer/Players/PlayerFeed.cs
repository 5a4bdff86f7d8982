using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Players;

/// <summary>
/// Subscriptions to players and the patches they receive. Changes are coalesced: once per
/// <c>Realtime:PatchInterval</c> each subscriber gets, in one <c>players.updated</c>, an entry for
/// every player it sees that changed: whole when the player is new to it, otherwise the id and the
/// fields that changed (see <see cref="PlayerEntries"/>). Each entry is written once per patch
/// (<see cref="PlayerPatchEntries"/>); a subscriber's frame is those bytes copied together, and
/// whole-world subscribers of one form share a single frame.
/// </summary>
public sealed class PlayerFeed
{
    private static readonly byte[] UpdatedPrefix = """{"jsonrpc":"2.0","method":"players.updated","params":{"players":["""u8.ToArray();
    private static readonly byte[] UpdatedSuffix = "]}}"u8.ToArray();

    private readonly PlayerWorld _world;
    private readonly ConcurrentDictionary<long, PlayerSubscription> _subscriptions = new();
    private readonly PlayerPatchEntries _entries = new();
    private readonly Dictionary<int, PlayerFields> _changed = [];
    private readonly List<(int Id, bool Whole)> _shown = [];
    private readonly List<int> _left = [];
    private readonly ArrayBufferWriter<byte> _frame = new(4 * 1024);
    private readonly PatchMetrics _patchMetrics;
    private long _patchBytes;

    public PlayerFeed(PlayerWorld world, SessionRegistry sessions, PatchMetrics patchMetrics)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _world = world;
        _patchMetrics = patchMetrics;
        sessions.Closed += session => Unsubscribe(session);
        sessions.SignedOut += (session, _) => Unsubscribe(session);
    }

    public int Count => _subscriptions.Count;

    /// <summary>Subscribes the session and answers with the players it sees now.</summary>
    public PlayerList Subscribe(Session session, double? radius, bool compact = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        var user = session.User ?? throw RpcException.Unauthenticated();
        // Bounded before the world's lock is taken: a radius of 1e11 once held it for ever.
        if (radius is { } r && (!double.IsFinite(r) || r <= 0 || r > _world.MaxRadius))
        {
            throw RpcException.InvalidParams("radius", $"must be a positive number of at most {_world.MaxRadius.ToString(CultureInfo.InvariantCulture)}");
        }

        var subscription = new PlayerSubscription(session, user.Id, radius, compact);
        lock (_world.Lock)
        {
            List<PlayerInfo> snapshot;
            if (radius is null)
            {
                snapshot = [.. _world.All()];
            }
            else
            {
                var own = _world.PlayerOfUser(user.Id) ?? throw RpcException.NotFound("player of user", user.Id);
                _world.Grid.Within(own.X, own.Y, radius.Value, subscription.Visible);
                snapshot = [.. subscription.Visible.Order().Select(id => _world.Player(id).ToInfo())];
            }

            _subscriptions[session.Id] = subscription;
            session.AfterAnswer(() => Answered(subscription));
            return new PlayerList(snapshot);
        }
    }

    /// <summary>
    /// The snapshot is queued: patches may follow it now. A patch that overtook the snapshot would
    /// be undone by it, and a partial entry never repairs the fields it does not carry.
    /// </summary>
    private void Answered(PlayerSubscription subscription)
    {
        lock (_world.Lock)
        {
            subscription.Answered = true;
            foreach (var message in subscription.Held)
            {
                subscription.Session.Send(message);
            }

            subscription.Held.Clear();
        }
    }

    private void Deliver(PlayerSubscription subscription, OutboundMessage message)
    {
        if (subscription.Answered)
        {
            _patchBytes += subscription.Session.Send(message) ? message.Payload.Length : 0;
        }
        else
        {
            subscription.Held.Add(message);
        }
    }

    public bool Unsubscribe(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _subscriptions.TryRemove(session.Id, out _);
    }

    /// <summary>Sends one patch to every subscriber; called by <see cref="PlayerPatchJob"/>. Not re-entrant.</summary>
    public void Publish()
    {
        var started = Stopwatch.GetTimestamp();
        _patchBytes = 0;
        lock (_world.Lock)
        {
            _world.TakeChanged(_changed);
            _entries.Clear();
            if (_changed.Count > 0)
            {
                PublishToWholeWorld();
            }

            foreach (var subscription in _subscriptions.Values)
            {
                if (subscription.Radius is { } radius)
                {
                    PublishToArea(subscription, radius);
                }
            }
        }

        _patchMetrics.Record("players", Stopwatch.GetElapsedTime(started), _patchBytes);
    }

    private void PublishToWholeWorld()
    {
        // Every whole-world subscriber had every player at the last patch: the same partial entries
        // suit all of them, so there is one frame per form however many subscribe.
        OutboundMessage? readable = null;
        OutboundMessage? compact = null;
        foreach (var subscription in _subscriptions.Values)
        {
            if (subscription.Radius is not null)
            {
                continue;
            }

            ref var shared = ref subscription.Compact ? ref compact : ref readable;
            if (shared is null)
            {
                _shown.Clear();
                foreach (var id in _changed.Keys)
                {
                    _shown.Add((id, false));
                }

                shared = OutboundMessage.Shared(BuildUpdate(subscription.Compact).ToArray(), Methods.PlayersUpdated);
            }

            Deliver(subscription, shared.Value);
        }
    }

    private void PublishToArea(PlayerSubscription subscription, double radius)
    {
        var own = _world.PlayerOfUser(subscription.UserId);
        if (own is null)
        {
            // Seen nothing this patch: whoever is in view next time is new to it and arrives whole.
            subscription.Visible.Clear();
            return;
        }

        var visible = new HashSet<int>();
        _world.Grid.Within(own.X, own.Y, radius, visible);

        // Players new in view arrive whole, those in view before that changed as their partial entry:
        // a walk over the few in view, not over every player that changed, which made each patch cost
        // subscribers × movers.
        _shown.Clear();
        foreach (var id in visible)
        {
            if (!subscription.Visible.Contains(id))
            {
                _shown.Add((id, true));
            }
            else if (_changed.ContainsKey(id))
            {
                _shown.Add((id, false));
            }
        }

        _left.Clear();
        foreach (var id in subscription.Visible)
        {
            if (!visible.Contains(id))
            {
                _left.Add(id);
            }
        }

        subscription.Visible = visible;
        if (_shown.Count > 0)
        {
            Deliver(subscription, OutboundMessage.CopyOf(BuildUpdate(subscription.Compact), Methods.PlayersUpdated));
        }

        if (_left.Count > 0)
        {
            Deliver(subscription, Notification.Create(Methods.PlayersLeftView, new PlayersLeftView([.. _left]), GameJsonContext.Default.PlayersLeftView));
        }
    }

    /// <summary>Copies the cached entries of <see cref="_shown"/> into one <c>players.updated</c> frame.</summary>
    private ReadOnlySpan<byte> BuildUpdate(bool compact)
    {
        _frame.ResetWrittenCount();
        _frame.Write(UpdatedPrefix);
        var first = true;
        foreach (var (id, whole) in _shown)
        {
            if (!first)
            {
                _frame.Write(","u8);
            }

            first = false;
            var player = _world.Player(id);
            _frame.Write(whole ? _entries.Whole(player) : _entries.Changed(player, _changed[id], compact));
        }

        _frame.Write(UpdatedSuffix);
        return _frame.WrittenSpan;
    }
}
