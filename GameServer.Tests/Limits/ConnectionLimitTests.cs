using System.Net;
using System.Net.WebSockets;
using GameServer.Tests.Support;

namespace GameServer.Tests.Limits;

/// <summary>
/// Finding 2: one client opened ~19,800 WebSockets and the store died of "Too many open files".
/// Connections are now bounded in total and per address, before the upgrade.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class ConnectionLimitTests
{
    [Test]
    public async Task The_connection_past_the_global_limit_is_refused_with_503()
    {
        await using var server = await InProcessServer.StartAsync("--Limits:MaxConnections=3");
        var open = new List<ClientWebSocket>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await Handshake.OpenAsync(server.WebSocketUri));
        }

        var refused = await Handshake.StatusAsync(server.WebSocketUri);
        var health = await new HttpClient().GetAsync(new Uri(server.HttpUri, "/healthz"));

        Assert.That(refused, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "plain HTTP is not counted against the WebSocket limit");

        // A closed connection gives its place back (once its request has ended, a moment after the close).
        await open[0].CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        Assert.That(await RetryUntilAcceptedAsync(server.WebSocketUri), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
        foreach (var socket in open)
        {
            socket.Dispose();
        }
    }

    [Test]
    public async Task The_connection_past_the_per_address_limit_is_refused_with_429()
    {
        await using var server = await InProcessServer.StartAsync("--Limits:ExemptLoopback=false", "--Limits:ConnectionsPerIp=2");
        using var first = await Handshake.OpenAsync(server.WebSocketUri);
        using var second = await Handshake.OpenAsync(server.WebSocketUri);

        var third = await Handshake.StatusAsync(server.WebSocketUri);

        // Through a proxy on loopback, the address is the forwarded one: another client has places of its own.
        var otherClient = await Handshake.StatusAsync(server.WebSocketUri, ("X-Forwarded-For", "203.0.113.7"));
        Assert.That(third, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(otherClient, Is.EqualTo(HttpStatusCode.SwitchingProtocols));
    }

    [Test]
    public async Task Loopback_skips_the_per_address_limit_by_default()
    {
        await using var server = await InProcessServer.StartAsync("--Limits:ConnectionsPerIp=1");
        using var first = await Handshake.OpenAsync(server.WebSocketUri);

        Assert.That(await Handshake.StatusAsync(server.WebSocketUri), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
    }

    [Test]
    public async Task The_limits_apply_to_every_spelling_of_the_path_the_socket_is_served_on()
    {
        // /ws branches off the pipeline before routing; it must still answer "/WS/" as routing did, and
        // count those connections against the same limit.
        await using var server = await InProcessServer.StartAsync("--Limits:ExemptLoopback=false", "--Limits:ConnectionsPerIp=1");
        var otherSpelling = new UriBuilder(server.WebSocketUri) { Path = "/WS/" }.Uri;
        using var first = await Handshake.OpenAsync(otherSpelling);

        Assert.That(await Handshake.StatusAsync(server.WebSocketUri), Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await Handshake.StatusAsync(new UriBuilder(server.WebSocketUri) { Path = "/wsx" }.Uri), Is.EqualTo(HttpStatusCode.NotFound), "only /ws is the socket's");
    }

    // Bounded: the lease of a closed connection is released when its request ends, a few milliseconds later.
    private static async Task<HttpStatusCode> RetryUntilAcceptedAsync(Uri uri)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 200 && status == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            status = await Handshake.StatusAsync(uri);
        }

        return status;
    }
}
