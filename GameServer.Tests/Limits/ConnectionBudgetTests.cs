using GameServer.Limits;
using GameServer.Tests.Support;

namespace GameServer.Tests.Limits;

/// <summary>The store keeps file handles of its own: the connection limit fits under the open-file limit.</summary>
[Category("Unit")]
public sealed class ConnectionBudgetTests
{
    [Test]
    public void A_limit_that_fits_the_open_file_limit_is_kept()
    {
        var budget = ConnectionBudget.Compute(10_000, 1_048_576);

        Assert.That(budget.WebSockets, Is.EqualTo(10_000));
        Assert.That(budget.Lowered, Is.False);
        Assert.That(
            budget.WebSockets + ConnectionBudget.UpgradeSlack + budget.HttpConnections + ConnectionBudget.StoreReserve + ConnectionBudget.ProcessReserve,
            Is.EqualTo(1_048_576),
            "plain HTTP may use what the rest leaves");
    }

    [Test]
    public void On_a_small_ulimit_the_connections_leave_room_for_the_store()
    {
        var budget = ConnectionBudget.Compute(10_000, 1024);

        Assert.That(budget.Lowered, Is.True);
        Assert.That(
            budget.WebSockets + ConnectionBudget.UpgradeSlack + budget.HttpConnections + ConnectionBudget.StoreReserve + ConnectionBudget.ProcessReserve,
            Is.LessThanOrEqualTo(1024));
        Assert.That(budget.WebSockets, Is.GreaterThan(0));
        Assert.That(budget.HttpConnections, Is.GreaterThanOrEqualTo(8));
    }

    [Test]
    public void An_unknown_open_file_limit_keeps_the_setting() =>
        Assert.That(ConnectionBudget.Compute(7, null), Is.EqualTo(new ConnectionBudget(7, null, null)));

    [Test]
    public void The_soft_open_file_limit_is_read_from_proc_limits()
    {
        using var directory = new TempDirectory();
        var path = directory.File("limits");
        File.WriteAllText(path, """
            Limit                     Soft Limit           Hard Limit           Units
            Max processes             63653                63653                processes
            Max open files            1024                 524288               files
            """);

        Assert.That(ConnectionBudget.ReadOpenFileLimit(path), Is.EqualTo(1024));
        Assert.That(ConnectionBudget.ReadOpenFileLimit(directory.File("missing")), Is.Null);
    }
}
