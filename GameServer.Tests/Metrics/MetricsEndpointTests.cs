using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Metrics;

/// <summary><c>/metrics</c> on the real server, parsed strictly, after traffic the test made.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class MetricsEndpointTests
{
    private const int Pings = 7;

    [Test]
    public async Task The_scrape_counts_known_traffic_by_method_and_code_with_the_framework_meters_beside()
    {
        await using var server = await InProcessServer.StartAsync();
        var client = await server.ConnectAsync();
        for (var i = 0; i < Pings; i++)
        {
            await client.PingAsync();
        }

        Assert.ThrowsAsync<GameRpcException>(() => client.InfoAsync(), "system.info needs a login: one -32001");

        // A plain HTTP request that has ended, for the hosting meter's duration (the WebSocket's has not).
        using (var health = await MetricsHttp.GetAsync(server.HttpUri, "/healthz"))
        {
            Assert.That((int)health.StatusCode, Is.EqualTo(200));
        }

        var families = await MetricsHttp.ScrapeAsync(server.HttpUri);

        // Exact: other tests' servers run in this process at the same time, but each exports only its own meters.
        var received = Family(families, "gameserver_realtime_messages_received_total", "counter");
        Assert.That(Sample(received, "method", "system.ping").Value, Is.EqualTo(Pings));
        var sent = Family(families, "gameserver_realtime_messages_sent_total", "counter");
        Assert.That(Sample(sent, "method", "system.ping").Value, Is.EqualTo(Pings));
        var errors = Family(families, "gameserver_realtime_errors_total", "counter");
        Assert.That(Sample(errors, "code", ErrorCodes.Unauthenticated.ToString(System.Globalization.CultureInfo.InvariantCulture)).Value, Is.EqualTo(1));
        Assert.That(Family(families, "gameserver_realtime_connections", "gauge").Samples.Single().Value, Is.EqualTo(1));
        Assert.That(Family(families, "gameserver_realtime_sessions", "gauge").Samples, Has.Count.EqualTo(1));

        var duration = Family(families, "gameserver_realtime_request_duration_seconds", "histogram");
        var pingDurations = duration.Samples.Where(s => s["method"] == "system.ping").ToList();
        Assert.That(pingDurations.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).Select(s => s["le"]), Does.Contain("0.001").And.Contain("+Inf"));
        Assert.That(pingDurations.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value, Is.EqualTo(Pings));
        Assert.That(pingDurations.Single(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)).Value, Is.GreaterThan(0));

        Assert.That(Family(families, "kestrel_active_connections", "gauge").Samples, Is.Not.Empty, "Kestrel's meter");
        Assert.That(Family(families, "http_server_request_duration_seconds", "histogram").Samples, Is.Not.Empty, "ASP.NET Core's hosting meter");
        Assert.That(families.Keys, Has.Some.StartsWith("dotnet_gc_").And.Some.StartsWith("dotnet_thread_pool_"), "the runtime's meter");
        Assert.That(families.Keys, Has.Some.StartsWith("gameserver_jobs_"), "the jobs' meter");
    }

    [Test]
    public async Task Metrics_switched_off_answer_404()
    {
        await using var server = await InProcessServer.StartAsync("--Metrics:Enabled=false");
        var (player, _) = await server.ConnectAsUserAsync();

        using var response = await MetricsHttp.GetAsync(server.HttpUri);

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That((await player.InfoAsync()).MessagesReceived, Is.GreaterThanOrEqualTo(2), "the instruments, and system.info, work without the exporter");
    }

    internal static PrometheusFamily Family(IReadOnlyDictionary<string, PrometheusFamily> families, string name, string type)
    {
        Assert.That(families, Does.ContainKey(name));
        Assert.That(families[name].Type, Is.EqualTo(type), name);
        return families[name];
    }

    private static PrometheusSample Sample(PrometheusFamily family, string label, string value) =>
        family.Samples.Single(s => s[label] == value);
}
