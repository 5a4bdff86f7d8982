using GameServer.Protocol.Players;
using GameServer.World;

namespace GameServer.Players;

/// <summary>The players as the world's feed reads them; every member is called under the world's lock.</summary>
public sealed partial class PlayerWorld
{
    Lock IEntitySource<PlayerInfo>.Lock => _lock;

    ChangeSet IEntitySource<PlayerInfo>.Changes => Changes;

    PlayerInfo? IEntitySource<PlayerInfo>.Capture(int id) => _byId.GetValueOrDefault(id)?.ToInfo();

    void IEntitySource<PlayerInfo>.CaptureAll(List<PlayerInfo> into) => into.AddRange(_byId.Values.OrderBy(p => p.Id).Select(p => p.ToInfo()));

    void IEntitySource<PlayerInfo>.CaptureNear(double x, double y, double radius, List<PlayerInfo> into)
    {
        _nearby.Clear();
        Grid.Within(x, y, radius, _nearby);
        _nearby.Sort();
        foreach (var id in _nearby)
        {
            into.Add(_byId[id].ToInfo());
        }
    }

    (double X, double Y)? IEntitySource<PlayerInfo>.CenterOf(int userId) =>
        _byUser.TryGetValue(userId, out var player) ? (player.X, player.Y) : null;
}
