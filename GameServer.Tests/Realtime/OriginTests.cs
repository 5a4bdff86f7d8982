using System.Net;
using GameServer.Tests.Support;

namespace GameServer.Tests.Realtime;

/// <summary>
/// The handshake's Origin: a page of another site may not drive a visitor's session (cross-site
/// WebSocket hijacking); the server's own pages, local development and clients without Origin may.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class OriginTests
{
    [Test]
    public async Task A_foreign_origin_is_refused_with_403()
    {
        await using var server = await InProcessServer.StartAsync();
        var own = $"http://{server.HttpUri.Authority}";

        Assert.Multiple(async () =>
        {
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", "https://evil.example")), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", "null")), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", "http://localhost.evil.example")), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", own)), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", "http://localhost:3000")), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri), Is.EqualTo(HttpStatusCode.SwitchingProtocols), "no Origin: not a browser");
        });
    }

    [Test]
    public async Task Configured_origins_replace_the_local_defaults()
    {
        await using var server = await InProcessServer.StartAsync("--Realtime:AllowedOrigins:0=https://game.example");

        Assert.Multiple(async () =>
        {
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", "https://game.example")), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", "http://localhost:3000")), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", $"http://{server.HttpUri.Authority}")), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
        });
    }
}
