namespace GameServer.World;

/// <summary>
/// A uniform grid over the world that answers "who is within r of this point" by looking only at the
/// cells the circle touches, never at everyone. Players use it for interest management; monsters for
/// aggro. Not thread-safe: its owner guards it.
/// </summary>
/// <remarks>
/// Its owner holds a shared lock while it asks, and the radius may come from a client, so a query
/// never costs more than the occupied cells: when the circle's box covers more cells than are
/// occupied, the occupied cells are walked instead of the box. Cell coordinates are computed in
/// double and saturated to <see cref="int"/>, and the box is walked with <see cref="long"/>
/// counters, so no radius or position overflows into a wrong range or an endless loop.
/// </remarks>
public sealed class SpatialGrid
{
    private readonly Dictionary<long, HashSet<int>> _cells = [];
    private readonly Dictionary<int, (double X, double Y)> _positions = [];
    private readonly double _cellSize;

    public SpatialGrid(double cellSize)
    {
        if (!double.IsFinite(cellSize) || cellSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "must be a finite number greater than 0");
        }

        _cellSize = cellSize;
    }

    public int Count => _positions.Count;

    /// <summary>Puts <paramref name="id"/> at a position, moving it between cells when needed.</summary>
    public void Set(int id, double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            throw new ArgumentOutOfRangeException(nameof(x), (x, y), "a position must be finite");
        }

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

    /// <summary>
    /// Adds to <paramref name="found"/> every id within <paramref name="radius"/> (Euclidean) of the
    /// point. A radius that is not a number, or below zero, finds nothing; an infinite one, everyone.
    /// </summary>
    public void Within(double x, double y, double radius, ICollection<int> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        if (double.IsNaN(x) || double.IsNaN(y) || double.IsNaN(radius) || radius < 0 || _cells.Count == 0)
        {
            return;
        }

        var minX = CellCoordinate(x - radius);
        var maxX = CellCoordinate(x + radius);
        var minY = CellCoordinate(y - radius);
        var maxY = CellCoordinate(y + radius);

        // In double: two spans of up to 2^32 cells each would overflow a long.
        var cellsInBox = ((double)maxX - minX + 1) * ((double)maxY - minY + 1);
        if (cellsInBox > _cells.Count)
        {
            foreach (var (key, ids) in _cells)
            {
                var (cx, cy) = Unpack(key);
                if (cx >= minX && cx <= maxX && cy >= minY && cy <= maxY)
                {
                    AddWithin(ids, x, y, radius, found);
                }
            }

            return;
        }

        for (long cx = minX; cx <= maxX; cx++)
        {
            for (long cy = minY; cy <= maxY; cy++)
            {
                if (_cells.TryGetValue(Key((int)cx, (int)cy), out var ids))
                {
                    AddWithin(ids, x, y, radius, found);
                }
            }
        }
    }

    private void AddWithin(HashSet<int> ids, double x, double y, double radius, ICollection<int> found)
    {
        foreach (var id in ids)
        {
            var (px, py) = _positions[id];
            if (IsWithin(px - x, py - y, radius))
            {
                found.Add(id);
            }
        }
    }

    /// <summary>
    /// dx² + dy² ≤ r², exactly as written for ordinary numbers; when a square overflows (huge
    /// coordinates or radius), the same comparison scaled by the radius, so infinity never says "near".
    /// </summary>
    private static bool IsWithin(double dx, double dy, double radius)
    {
        var distanceSquared = (dx * dx) + (dy * dy);
        var radiusSquared = radius * radius;
        if (double.IsFinite(distanceSquared) && double.IsFinite(radiusSquared))
        {
            return distanceSquared <= radiusSquared;
        }

        if (double.IsPositiveInfinity(radius))
        {
            return true;
        }

        if (Math.Abs(dx) > radius || Math.Abs(dy) > radius)
        {
            return false;
        }

        var sx = dx / radius;
        var sy = dy / radius;
        return (sx * sx) + (sy * sy) <= 1;
    }

    /// <summary>The cell index of a coordinate, saturated to the range of <see cref="int"/> (monotonic, so no point falls outside a range that holds it).</summary>
    private int CellCoordinate(double coordinate) => (int)Math.Clamp(Math.Floor(coordinate / _cellSize), int.MinValue, int.MaxValue);

    private long CellOf(double x, double y) => Key(CellCoordinate(x), CellCoordinate(y));

    private static long Key(int cx, int cy) => ((long)cx << 32) | (uint)cy;

    private static (int X, int Y) Unpack(long key) => ((int)(key >> 32), (int)key);

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
