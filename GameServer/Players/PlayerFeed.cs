using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Players;

/// <summary>
/// Subscriptions to players and the patches they receive. Changes are coalesced: once per
/// <c>Realtime:PatchInterval</c> each subscriber gets the latest state of every player it sees that
/// changed, in one <c>players.updated</c>. Each player is serialised once per patch; a subscriber's
/// frame is those bytes copied together, and whole-world subscribers share a single frame.
/// </summary>
public sealed class PlayerFeed
{
    private static readonly byte[] UpdatedPrefix = """{"jsonrpc":"2.0","method":"players.updated","params":{"players":["""u8.ToArray();
    private static readonly byte[] UpdatedSuffix = "]}}"u8.ToArray();

    private readonly PlayerWorld _world;
    private readonly ConcurrentDictionary<long, PlayerSubscription> _subscriptions = new();
    private readonly ArrayBufferWriter<byte> _fragments = new(16 * 1024);
    private readonly Dictionary<int, (int Start, int Length)> _fragmentOf = [];
    private readonly HashSet<int> _changedIds = [];
    private readonly ArrayBufferWriter<byte> _frame = new(4 * 1024);
    private readonly Utf8JsonWriter _fragmentWriter;

    public PlayerFeed(PlayerWorld world, SessionRegistry sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _world = world;
        _fragmentWriter = new Utf8JsonWriter(_fragments);
        sessions.Closed += session => Unsubscribe(session);
        sessions.SignedOut += (session, _) => Unsubscribe(session);
    }

    public int Count => _subscriptions.Count;

    /// <summary>Subscribes the session and answers with the players it sees now.</summary>
    public PlayerList Subscribe(Session session, double? radius)
    {
        ArgumentNullException.ThrowIfNull(session);
        var user = session.User ?? throw RpcException.Unauthenticated();
        // Bounded before the world's lock is taken: a radius of 1e11 once held it for ever.
        if (radius is { } r && (!double.IsFinite(r) || r <= 0 || r > _world.MaxRadius))
        {
            throw RpcException.InvalidParams("radius", $"must be a positive number of at most {_world.MaxRadius.ToString(CultureInfo.InvariantCulture)}");
        }

        var subscription = new PlayerSubscription(session, user.Id, radius);
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
            return new PlayerList(snapshot);
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
        lock (_world.Lock)
        {
            var changed = _world.TakeChanged();
            _fragments.ResetWrittenCount();
            _fragmentOf.Clear();
            _changedIds.Clear();
            foreach (var player in changed)
            {
                _changedIds.Add(player.Id);
            }

            if (changed.Count > 0)
            {
                PublishToWholeWorld(changed);
            }

            foreach (var subscription in _subscriptions.Values)
            {
                if (subscription.Radius is { } radius)
                {
                    PublishToArea(subscription, radius);
                }
            }
        }
    }

    private void PublishToWholeWorld(List<PlayerState> changed)
    {
        OutboundMessage? shared = null;
        foreach (var subscription in _subscriptions.Values)
        {
            if (subscription.Radius is null)
            {
                shared ??= OutboundMessage.Shared(BuildUpdate(changed.Select(p => p.Id)).ToArray());
                subscription.Session.Send(shared.Value);
            }
        }
    }

    private void PublishToArea(PlayerSubscription subscription, double radius)
    {
        var own = _world.PlayerOfUser(subscription.UserId);
        if (own is null)
        {
            return;
        }

        var visible = new HashSet<int>();
        _world.Grid.Within(own.X, own.Y, radius, visible);

        // Players new in view, and those in view before that changed: a walk over the few in view,
        // not over every player that changed, which made each patch cost subscribers × movers.
        var shown = new List<int>();
        foreach (var id in visible)
        {
            if (!subscription.Visible.Contains(id) || _changedIds.Contains(id))
            {
                shown.Add(id);
            }
        }

        var left = subscription.Visible.Where(id => !visible.Contains(id)).ToList();
        subscription.Visible = visible;
        if (shown.Count > 0)
        {
            subscription.Session.Send(OutboundMessage.CopyOf(BuildUpdate(shown)));
        }

        if (left.Count > 0)
        {
            subscription.Session.Send(Notification.Create(Methods.PlayersLeftView, new PlayersLeftView(left), GameJsonContext.Default.PlayersLeftView));
        }
    }

    /// <summary>Copies the players' cached JSON into one <c>players.updated</c> frame.</summary>
    private ReadOnlySpan<byte> BuildUpdate(IEnumerable<int> playerIds)
    {
        _frame.ResetWrittenCount();
        _frame.Write(UpdatedPrefix);
        var first = true;
        foreach (var id in playerIds)
        {
            if (!first)
            {
                _frame.Write(","u8);
            }

            first = false;
            var (start, length) = Fragment(id);
            _frame.Write(_fragments.WrittenSpan.Slice(start, length));
        }

        _frame.Write(UpdatedSuffix);
        return _frame.WrittenSpan;
    }

    /// <summary>The player's JSON for this patch, serialised on first use.</summary>
    private (int Start, int Length) Fragment(int playerId)
    {
        if (_fragmentOf.TryGetValue(playerId, out var fragment))
        {
            return fragment;
        }

        var start = _fragments.WrittenCount;
        _fragmentWriter.Reset(_fragments);
        JsonSerializer.Serialize(_fragmentWriter, _world.Player(playerId).ToInfo(), GameJsonContext.Default.PlayerInfo);
        _fragmentWriter.Flush();
        fragment = (start, _fragments.WrittenCount - start);
        _fragmentOf[playerId] = fragment;
        return fragment;
    }
}
