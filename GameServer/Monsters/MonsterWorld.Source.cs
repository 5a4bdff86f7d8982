using GameServer.Protocol.Monsters;
using GameServer.World;

namespace GameServer.Monsters;

/// <summary>
/// The monsters as the world's feed reads them; every member is called under the monsters' lock. A
/// defeated monster is out of the world until it respawns. There is no live grid of monsters: a
/// radius snapshot walks them all once, and the feed keeps its own grid of where it last showed them.
/// </summary>
public sealed partial class MonsterWorld
{
    Lock IEntitySource<Monster>.Lock => Lock;

    ChangeSet IEntitySource<Monster>.Changes => Changes;

    Monster? IEntitySource<Monster>.Capture(int id) =>
        _monsters.TryGetValue(id, out var monster) && monster.RespawnAt is null ? MonsterService.ToContract(monster) : null;

    void IEntitySource<Monster>.CaptureAll(List<Monster> into) =>
        into.AddRange(_monsters.Values.Where(m => m.RespawnAt is null).OrderBy(m => m.Id).Select(MonsterService.ToContract));

    void IEntitySource<Monster>.CaptureNear(double x, double y, double radius, List<Monster> into) =>
        into.AddRange(_monsters.Values
            .Where(m => m.RespawnAt is null && Math.Pow(m.PositionX - x, 2) + Math.Pow(m.PositionY - y, 2) <= radius * radius)
            .OrderBy(m => m.Id)
            .Select(MonsterService.ToContract));

    // The player world's lock is taken inside the monsters' one, the order the tick already keeps.
    (double X, double Y)? IEntitySource<Monster>.CenterOf(int userId) =>
        players.PositionOf(userId) is { } position ? (position.X, position.Y) : null;
}
