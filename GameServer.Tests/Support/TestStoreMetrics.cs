using System.Diagnostics.Metrics;
using GameServer.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Support;

/// <summary>Store metrics for a store built by hand, outside a server (migration and query tests).</summary>
public static class TestStoreMetrics
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static StoreMetrics Create() => new(Meters);
}
