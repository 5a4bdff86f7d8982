using GameServer.Protocol.Players;
using GameServer.Realtime;
using GameServer.World;
using Microsoft.Extensions.Options;

namespace GameServer.Players;

/// <summary>
/// Subscriptions to players: the world's <see cref="EntityFeed{TEntity}"/> over <see cref="PlayerWorld"/>.
/// Every subscriber gets partial entries (or compact ones, when it asks); with a radius, only the
/// players near its own, and <c>players.left_view</c> for those that leave its area.
/// </summary>
public sealed class PlayerFeed(PlayerWorld world, SessionRegistry sessions, IOptions<WorldOptions> options) : IWorldFeed
{
    private readonly EntityFeed<PlayerInfo> _feed = new(
        "players", new PlayerEntryKind(), world, sessions, options.Value.EffectiveMaxRadius, options.Value.GridCellSize);

    public string Name => _feed.Name;

    public int Count => _feed.Count;

    /// <summary>Subscribes the session and answers with the players it sees now.</summary>
    public PlayerList Subscribe(Session session, double? radius, bool compact = false) =>
        new(_feed.Subscribe(session, radius, compact ? EntryForm.Compact : EntryForm.Partial));

    public bool Unsubscribe(Session session) => _feed.Unsubscribe(session);

    /// <summary>Sends one patch to every subscriber; called by <see cref="WorldPatchJob"/>. Not re-entrant.</summary>
    public PatchReport Publish() => _feed.Publish();
}
