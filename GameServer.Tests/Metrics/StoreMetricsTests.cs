using System.Diagnostics.Metrics;
using GameServer.Protocol.Inventory;
using GameServer.Storage;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace GameServer.Tests.Metrics;

/// <summary>Store operations made by known traffic are timed by store and operation.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class StoreMetricsTests
{
    [Test]
    public async Task A_registration_and_an_inventory_read_are_timed_by_their_stores()
    {
        await using var server = await InProcessServer.StartAsync();
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, StoreMetrics.MeterName, "gameserver.store.operation.duration");

        var (client, _) = await server.ConnectAsUserAsync();
        await client.MyInventoryAsync();

        var timed = durations.GetMeasurementSnapshot()
            .Select(m => ((string?)m.Tags["store"], (string?)m.Tags["operation"], m.Value))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(timed.Select(t => (t.Item1, t.Item2)), Does.Contain(("accounts", "register")), "the new user");
            Assert.That(timed.Select(t => (t.Item1, t.Item2)), Does.Contain(("inventories", "find_by_user")), "inventory.mine");
            Assert.That(timed.Select(t => t.Value), Is.All.GreaterThanOrEqualTo(0));
        });
    }
}
