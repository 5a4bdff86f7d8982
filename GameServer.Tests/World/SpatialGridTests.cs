using GameServer.World;

namespace GameServer.Tests.World;

/// <summary>The grid answers "who is within r" correctly for any radius and position, and never loops for ever.</summary>
[Category("Unit")]
[CancelAfter(10_000)]
public sealed class SpatialGridTests
{
    [TestCase(1e11)]
    [TestCase(1e300)]
    [TestCase(double.MaxValue)]
    [TestCase(double.PositiveInfinity)]
    public async Task A_huge_radius_returns_everyone_and_does_not_loop_for_ever(double radius, CancellationToken cancellationToken)
    {
        var grid = new SpatialGrid(10);
        grid.Set(1, 0, 0);
        grid.Set(2, 100, 100);
        grid.Set(3, 55.5, 3);
        var found = new List<int>();

        // The old grid walked every cell of the circle's box in an int loop that overflowed: it never returned.
        await Task.Run(() => grid.Within(50, 50, radius, found), cancellationToken).WaitAsync(cancellationToken);

        Assert.That(found.Order(), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task Huge_coordinates_are_found_by_their_true_distance(CancellationToken cancellationToken)
    {
        var grid = new SpatialGrid(10);
        grid.Set(1, 1e300, 0);
        grid.Set(2, 1e300, -1e300);
        grid.Set(3, -1e300, 0);
        grid.Set(4, 0, 0);
        var fromOrigin = new List<int>();
        var fromFarAway = new List<int>();
        var small = new List<int>();

        await Task.Run(
            () =>
            {
                grid.Within(0, 0, 1e300, fromOrigin);
                grid.Within(1e300, -1e300, 1e11, fromFarAway);
                grid.Within(-1e300, 0, 5, small);
            },
            cancellationToken).WaitAsync(cancellationToken);

        Assert.That(fromOrigin.Order(), Is.EqualTo(new[] { 1, 3, 4 }), "at exactly the radius is within; 1.41e300 away is not");
        Assert.That(fromFarAway, Is.EqualTo(new[] { 2 }));
        Assert.That(small, Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void Nothing_is_found_for_a_radius_that_is_not_a_number_or_negative()
    {
        var grid = new SpatialGrid(10);
        grid.Set(1, 0, 0);
        var found = new List<int>();

        grid.Within(0, 0, double.NaN, found);
        grid.Within(0, 0, -1, found);
        grid.Within(double.NaN, 0, 1, found);

        Assert.That(found, Is.Empty);
    }

    [Test]
    public void A_cell_size_of_zero_or_not_a_number_is_refused() =>
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SpatialGrid(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SpatialGrid(double.NaN));
        });

    [Test]
    public void Every_query_agrees_with_checking_everyone()
    {
        // Small radii walk the circle's box, large ones the occupied cells: both must give the same answer as brute force.
        var random = new Random(20261201);
        var grid = new SpatialGrid(7);
        var points = new Dictionary<int, (double X, double Y)>();
        for (var id = 0; id < 300; id++)
        {
            points[id] = (random.NextDouble() * 200 - 50, random.NextDouble() * 200 - 50);
            grid.Set(id, points[id].X, points[id].Y);
        }

        for (var id = 0; id < 100; id++)
        {
            points[id] = (random.NextDouble() * 100, random.NextDouble() * 100);
            grid.Set(id, points[id].X, points[id].Y);
        }

        for (var query = 0; query < 200; query++)
        {
            var (x, y) = (random.NextDouble() * 150, random.NextDouble() * 150);
            var radius = Math.Pow(10, (random.NextDouble() * 4) - 1);
            var found = new List<int>();
            grid.Within(x, y, radius, found);

            var expected = points.Where(p => Math.Pow(p.Value.X - x, 2) + Math.Pow(p.Value.Y - y, 2) <= radius * radius).Select(p => p.Key).Order();
            Assert.That(found.Order(), Is.EqualTo(expected), $"within {radius} of ({x}, {y})");
        }
    }
}
