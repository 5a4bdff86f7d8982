using System.Net;
using GameServer.Tests.Support;

namespace GameServer.Tests.Metrics;

/// <summary><c>Metrics:Port</c> moves <c>/metrics</c> off the public port; <c>Metrics:RequireAdmin</c> asks for an admin's token.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class MetricsAccessTests
{
    [Test]
    public async Task With_a_metrics_port_the_main_port_answers_404_and_the_metrics_port_serves_only_metrics()
    {
        var port = MetricsHttp.FreePort();
        await using var server = await InProcessServer.StartAsync($"--Metrics:Port={port}");
        var metricsUri = new Uri($"http://127.0.0.1:{port}");

        using var onMain = await MetricsHttp.GetAsync(server.HttpUri);
        using var elsewhereOnMetrics = await MetricsHttp.GetAsync(metricsUri, "/");
        var families = await MetricsHttp.ScrapeAsync(metricsUri);

        Assert.That(onMain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(elsewhereOnMetrics.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the metrics port serves nothing else");
        Assert.That(families, Does.ContainKey("gameserver_realtime_connections"));
        Assert.That(await server.ConnectAsync(), Is.Not.Null, "the game stays on the main port");
    }

    [Test]
    public async Task Requiring_an_admin_refuses_no_token_and_a_player_and_serves_an_admin()
    {
        await using var server = await InProcessServer.StartAsync("--Metrics:RequireAdmin=true");
        var (_, player) = await server.ConnectAsUserAsync();
        var (_, admin) = await server.ConnectAsAdminAsync();

        using var anonymous = await MetricsHttp.GetAsync(server.HttpUri);
        using var wrongToken = await MetricsHttp.GetAsync(server.HttpUri, token: "not-a-token");
        using var asPlayer = await MetricsHttp.GetAsync(server.HttpUri, token: player.Token);
        var families = await MetricsHttp.ScrapeAsync(server.HttpUri, admin.Token);

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrongToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(asPlayer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(families, Does.ContainKey("gameserver_realtime_sessions"));
    }

    [TestCase("--Metrics:Port=70000", "Metrics:Port")]
    [TestCase("--Metrics:Address=localhost-ish", "Metrics:Address")]
    public void A_bad_setting_stops_the_start_naming_the_key(string setting, string key)
    {
        var refused = Assert.CatchAsync(() => InProcessServer.StartAsync(setting));

        Assert.That(refused!.Message, Does.Contain(key));
    }
}
