using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;

namespace GameServer.World;

/// <summary>
/// Subscriptions to one kind of entity and the patches they receive: the one fan-out of the world,
/// whatever the entity. Once per <c>World:PatchInterval</c> (<see cref="WorldPatchJob"/>) the changes
/// since the last patch are captured, and each subscriber gets, in one notification, an entry for
/// every entity it sees that changed: whole when the entity is new to it, otherwise as its
/// <see cref="EntryForm"/> says. Each entry is written once per patch; whole-world subscribers of one
/// form share a single frame. A radius subscriber sees the entities near its own player and is told
/// which left its area. This file holds subscribing; <c>EntityFeed.Publish.cs</c> the patch.
/// </summary>
/// <remarks>
/// Locks: the feed's gate, then the source's lock, never the other way. The source's lock is held
/// only while a patch captures the changes, so moves never wait for frames being built; the gate
/// keeps a snapshot from being taken in the middle of a patch, which would let the patch's older
/// captures undo it.
/// </remarks>
public sealed partial class EntityFeed<TEntity> : IWorldFeed
    where TEntity : class
{
    private readonly IEntityKind<TEntity> _kind;
    private readonly IEntitySource<TEntity> _source;
    private readonly double _maxRadius;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<long, EntitySubscription> _subscriptions = new();

    public EntityFeed(string name, IEntityKind<TEntity> kind, IEntitySource<TEntity> source, SessionRegistry sessions, double maxRadius, double gridCellSize)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sessions);
        Name = name;
        _kind = kind;
        _source = source;
        _maxRadius = maxRadius;
        _grid = new SpatialGrid(gridCellSize);
        _entries = new PatchEntries<TEntity>(kind);
        _updatedPrefix = Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","method":"{{kind.UpdatedMethod}}","params":{"{{kind.ListProperty}}":[""");
        sessions.Closed += session => Unsubscribe(session);
        sessions.SignedOut += (session, _) => Unsubscribe(session);
    }

    /// <summary>The feed's name in logs and metrics: <c>players</c>, <c>monsters</c>.</summary>
    public string Name { get; }

    public int Count => _subscriptions.Count;

    /// <summary>
    /// Subscribes the session and answers with the entities it sees now: the whole world, or those
    /// within <paramref name="radius"/> of the user's own player. Patches follow once the answer is queued.
    /// </summary>
    public List<TEntity> Subscribe(Session session, double? radius, EntryForm form)
    {
        ArgumentNullException.ThrowIfNull(session);
        var user = session.User ?? throw RpcException.Unauthenticated();

        // Bounded before any lock is taken: a radius of 1e11 once held the world's lock for ever.
        if (radius is { } r && (!double.IsFinite(r) || r <= 0 || r > _maxRadius))
        {
            throw RpcException.InvalidParams("radius", $"must be a positive number of at most {_maxRadius.ToString(CultureInfo.InvariantCulture)}");
        }

        var subscription = new EntitySubscription(session, user.Id, radius, form);
        var snapshot = new List<TEntity>();
        lock (_gate)
        {
            lock (_source.Lock)
            {
                if (radius is null)
                {
                    _source.CaptureAll(snapshot);
                }
                else
                {
                    var (x, y) = _source.CenterOf(user.Id) ?? throw RpcException.NotFound("player of user", user.Id);
                    _source.CaptureNear(x, y, radius.Value, snapshot);
                    foreach (var entity in snapshot)
                    {
                        subscription.Visible.Add(_kind.IdOf(entity));
                    }
                }
            }

            _subscriptions[session.Id] = subscription;
            session.AfterAnswer(() => Answered(subscription));
        }

        return snapshot;
    }

    public bool Unsubscribe(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _subscriptions.TryRemove(session.Id, out _);
    }

    /// <summary>
    /// The snapshot is queued: patches may follow it now. A patch that overtook the snapshot would
    /// be undone by it, and a partial entry never repairs the fields it does not carry.
    /// </summary>
    private void Answered(EntitySubscription subscription)
    {
        lock (_gate)
        {
            subscription.Answered = true;
            foreach (var message in subscription.Held)
            {
                subscription.Session.Send(message);
            }

            subscription.Held.Clear();
        }
    }
}
