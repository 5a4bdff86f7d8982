namespace GameServer.Players;

/// <summary>
/// A uniform grid over the world that answers "who is within r of this point" by looking only at the
/// cells the circle touches, never at everyone. Players use it for interest management; monsters for
/// aggro. Not thread-safe: its owner guards it.
/// </summary>
public sealed class SpatialGrid(double cellSize)
{
    private readonly Dictionary<long, HashSet<int>> _cells = [];
    private readonly Dictionary<int, (double X, double Y)> _positions = [];

    public int Count => _positions.Count;

    /// <summary>Puts <paramref name="id"/> at a position, moving it between cells when needed.</summary>
    public void Set(int id, double x, double y)
    {
        var cell = CellOf(x, y);
        if (_positions.TryGetValue(id, out var old))
        {
            var oldCell = CellOf(old.X, old.Y);
            if (oldCell != cell)
            {
                RemoveFromCell(oldCell, id);
                AddToCell(cell, id);
            }
        }
        else
        {
            AddToCell(cell, id);
        }

        _positions[id] = (x, y);
    }

    public void Remove(int id)
    {
        if (_positions.Remove(id, out var old))
        {
            RemoveFromCell(CellOf(old.X, old.Y), id);
        }
    }

    /// <summary>Adds to <paramref name="found"/> every id within <paramref name="radius"/> (Euclidean) of the point.</summary>
    public void Within(double x, double y, double radius, ICollection<int> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        var (minX, minY) = Cell(x - radius, y - radius);
        var (maxX, maxY) = Cell(x + radius, y + radius);
        var radiusSquared = radius * radius;
        for (var cx = minX; cx <= maxX; cx++)
        {
            for (var cy = minY; cy <= maxY; cy++)
            {
                if (!_cells.TryGetValue(Key(cx, cy), out var ids))
                {
                    continue;
                }

                foreach (var id in ids)
                {
                    var (px, py) = _positions[id];
                    var dx = px - x;
                    var dy = py - y;
                    if ((dx * dx) + (dy * dy) <= radiusSquared)
                    {
                        found.Add(id);
                    }
                }
            }
        }
    }

    private (int X, int Y) Cell(double x, double y) => ((int)Math.Floor(x / cellSize), (int)Math.Floor(y / cellSize));

    private long CellOf(double x, double y)
    {
        var (cx, cy) = Cell(x, y);
        return Key(cx, cy);
    }

    private static long Key(int cx, int cy) => ((long)cx << 32) | (uint)cy;

    private void AddToCell(long cell, int id)
    {
        if (!_cells.TryGetValue(cell, out var ids))
        {
            _cells[cell] = ids = [];
        }

        ids.Add(id);
    }

    private void RemoveFromCell(long cell, int id)
    {
        if (_cells.TryGetValue(cell, out var ids) && ids.Remove(id) && ids.Count == 0)
        {
            _cells.Remove(cell);
        }
    }
}
