using System.Net;
using GameServer.Tests.Support;

namespace GameServer.Tests.ServerStatus;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class HttpSurfaceTests
{
    [Test]
    public async Task The_same_port_serves_health_the_web_client_and_the_socket()
    {
        await using var server = await InProcessServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri };

        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        var plainGetOfSocket = await http.GetAsync(new Uri("/ws", UriKind.Relative));

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await health.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(plainGetOfSocket.StatusCode, Is.EqualTo(HttpStatusCode.UpgradeRequired));
    }
}
