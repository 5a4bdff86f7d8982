using System.Net;
using System.Net.Sockets;
using System.Text;
using GameServer.Protocol.System;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Realtime;

/// <summary>
/// The direct upgrade takes plain handshakes off the connection; everything else, and everything
/// refused, is Kestrel's. So a server with it answers every request exactly as one without it.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class DirectUpgradeTests
{
    private const string Off = "--Realtime:DirectUpgrade=false";

    [Test]
    public async Task A_plain_handshake_is_taken_off_the_connection_and_serves_the_session()
    {
        await using var server = await InProcessServer.StartAsync();
        await using var client = await server.ConnectAsync();

        Assert.That(await client.PingAsync(), Is.Not.Null);
        Assert.That(Upgrades(server), Is.EqualTo((Direct: 1L, Http: 0L)));
    }

    [Test]
    public async Task Other_spellings_of_the_path_go_through_Kestrel_and_are_served_the_same()
    {
        await using var server = await InProcessServer.StartAsync();

        foreach (var target in new[] { "/WS", "/ws/", "/ws?client=1" })
        {
            Assert.That(await RawHttp.StatusLineAsync(server.HttpUri, RawHttp.Handshake(server.HttpUri, target)), Does.StartWith("HTTP/1.1 101"), target);
        }

        Assert.That(Upgrades(server), Is.EqualTo((Direct: 1L, Http: 2L)), "/ws/ is the direct upgrade's too");
    }

    [Test]
    public async Task A_head_that_arrives_a_byte_at_a_time_is_still_taken()
    {
        await using var server = await InProcessServer.StartAsync();
        var bytes = Encoding.ASCII.GetBytes(RawHttp.Handshake(server.HttpUri));

        var status = await RawHttp.StatusLineAsync(server.HttpUri, bytes.Select(b => new[] { b }), TimeSpan.FromMilliseconds(2));

        Assert.That(status, Does.StartWith("HTTP/1.1 101"));
        Assert.That(Upgrades(server).Direct, Is.EqualTo(1));
    }

    [Test]
    public async Task A_request_that_looks_like_a_handshake_until_its_second_read_goes_to_Kestrel_whole()
    {
        // The first read is all a handshake's; the second is not: every byte must still reach Kestrel.
        await using var server = await InProcessServer.StartAsync();

        var status = await RawHttp.StatusLineAsync(server.HttpUri,
            [Encoding.ASCII.GetBytes("GET /w"), Encoding.ASCII.GetBytes($"x HTTP/1.1\r\nHost: {server.HttpUri.Authority}\r\n\r\n")],
            TimeSpan.FromMilliseconds(200));

        Assert.That(status, Is.EqualTo("HTTP/1.1 404 Not Found"));
    }

    [Test]
    public async Task Plain_HTTP_and_a_later_upgrade_on_the_same_connection_are_Kestrels()
    {
        await using var server = await InProcessServer.StartAsync();
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(server.HttpUri.Host, server.HttpUri.Port);
        var stream = tcp.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HEAD /healthz HTTP/1.1\r\nHost: {server.HttpUri.Authority}\r\n\r\n"), timeout.Token);
        var health = await RawHttp.ReadStatusLineAsync(stream, timeout.Token);
        await SkipHeadAsync(stream, timeout.Token);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(RawHttp.Handshake(server.HttpUri)), timeout.Token);
        var upgrade = await RawHttp.ReadStatusLineAsync(stream, timeout.Token);

        Assert.That(health, Is.EqualTo("HTTP/1.1 200 OK"));
        Assert.That(upgrade, Does.StartWith("HTTP/1.1 101"));
        Assert.That(Upgrades(server), Is.EqualTo((Direct: 0L, Http: 1L)));
    }

    [Test]
    public async Task A_head_that_never_ends_gets_Kestrels_408_after_its_header_timeout()
    {
        // Wall time, as Kestrel's own timeout: one second here instead of 30.
        static void Short(IServiceCollection services) =>
            services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(1));
        await using var direct = await InProcessServer.StartAsync(Short);
        await using var kestrel = await InProcessServer.StartAsync(Short, Off);
        var waited = System.Diagnostics.Stopwatch.StartNew();

        var fromDirect = await RawHttp.StatusLineAsync(direct.HttpUri, $"GET /ws HTTP/1.1\r\nHost: {direct.HttpUri.Authority}\r\n");
        var fromKestrel = await RawHttp.StatusLineAsync(kestrel.HttpUri, $"GET /ws HTTP/1.1\r\nHost: {kestrel.HttpUri.Authority}\r\n");

        Assert.That(fromKestrel, Is.EqualTo("HTTP/1.1 408 Request Timeout"));
        Assert.That(fromDirect, Is.EqualTo(fromKestrel));
        Assert.That(waited.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.6)), "neither before its timeout");
    }

    [Test]
    public async Task A_forwarded_client_is_limited_by_its_own_address_whichever_way_it_came_in()
    {
        await using var server = await InProcessServer.StartAsync("--Limits:ExemptLoopback=false", "--Limits:ConnectionsPerIp=1");
        var upper = new UriBuilder(server.WebSocketUri) { Path = "/WS" }.Uri;
        using var direct = await Handshake.OpenAsync(server.WebSocketUri, ("X-Forwarded-For", "203.0.113.7"));
        using var throughKestrel = await Handshake.OpenAsync(upper, ("X-Forwarded-For", "203.0.113.8"));

        Assert.Multiple(async () =>
        {
            Assert.That(await Handshake.StatusAsync(upper, ("X-Forwarded-For", "203.0.113.7")), Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("X-Forwarded-For", "203.0.113.8")), Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("X-Forwarded-For", "203.0.113.9")), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
            Assert.That(Upgrades(server), Is.EqualTo((Direct: 2L, Http: 1L)));
        });
    }

    [Test]
    public async Task A_forwarded_address_it_cannot_read_is_left_to_Kestrel()
    {
        await using var server = await InProcessServer.StartAsync();

        Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("X-Forwarded-For", "not-an-address")), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
        Assert.That(Upgrades(server), Is.EqualTo((Direct: 0L, Http: 1L)));
    }

    [Test]
    public async Task A_forwarded_scheme_decides_the_servers_own_origin_as_on_the_HTTP_path()
    {
        await using var server = await InProcessServer.StartAsync("--Realtime:AllowedOrigins:0=https://game.example");
        var own = $"https://{server.HttpUri.Authority}";

        Assert.Multiple(async () =>
        {
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", own)), Is.EqualTo(HttpStatusCode.Forbidden), "plain http here");
            Assert.That(await Handshake.StatusAsync(server.WebSocketUri, ("Origin", own), ("X-Forwarded-Proto", "https")), Is.EqualTo(HttpStatusCode.SwitchingProtocols));
            Assert.That(Upgrades(server), Is.EqualTo((Direct: 1L, Http: 0L)));
        });
    }

    [Test]
    public async Task Every_odd_or_broken_head_gets_the_answer_Kestrel_alone_gives()
    {
        await using var direct = await InProcessServer.StartAsync();
        await using var kestrel = await InProcessServer.StartAsync(Off);

        foreach (var (name, head) in OddHeads())
        {
            var expected = await RawHttp.StatusLineAsync(kestrel.HttpUri, head(kestrel.HttpUri), TimeSpan.FromSeconds(2));
            var actual = await RawHttp.StatusLineAsync(direct.HttpUri, head(direct.HttpUri), TimeSpan.FromSeconds(2));
            TestContext.Out.WriteLine($"{name}: {expected}");
            Assert.That(StatusOf(actual), Is.EqualTo(StatusOf(expected)), name);
        }

        Assert.That(Upgrades(direct).Direct, Is.Zero, "none of them is a plain handshake");
        Assert.That(Upgrades(kestrel).Direct, Is.Zero);
    }

    private static IEnumerable<(string Name, Func<Uri, string> Head)> OddHeads()
    {
        string Plain(Uri s, string extra = "") => RawHttp.Handshake(s, "/ws", extra);
        string Without(Uri s, string header) => string.Join("\r\n", Plain(s).Split("\r\n").Where(line => !line.StartsWith(header, StringComparison.Ordinal)));
        yield return ("folded header", s => Plain(s, "X-Note: a\r\n b\r\n"));
        yield return ("repeated key", s => Plain(s, $"Sec-WebSocket-Key: {RawHttp.NewKey()}\r\n"));
        yield return ("short key", s => Without(s, "Sec-WebSocket-Key").Replace("Version: 13", "Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA", StringComparison.Ordinal));
        yield return ("no Host", s => Without(s, "Host"));
        yield return ("a body", s => Plain(s, "Content-Length: 5\r\n") + "hello");
        yield return ("chunked", s => Plain(s, "Transfer-Encoding: chunked\r\n") + "0\r\n\r\n");
        yield return ("non-ASCII value", s => Plain(s, "X-Note: caf\u00e9\r\n"));
        yield return ("LF line ends", s => Plain(s).Replace("\r\n", "\n", StringComparison.Ordinal));
        yield return ("HTTP/1.0", s => Plain(s).Replace("HTTP/1.1", "HTTP/1.0", StringComparison.Ordinal));
        yield return ("two spaces", s => Plain(s).Replace("GET /ws ", "GET /ws  ", StringComparison.Ordinal));
        yield return ("space before colon", s => Plain(s).Replace("Upgrade: websocket", "Upgrade : websocket", StringComparison.Ordinal));
        yield return ("space in a name", s => Plain(s, "Bad Name: x\r\n"));
        yield return ("NUL in a value", s => Plain(s, "X-Note: a\0b\r\n"));
        yield return ("bare CR in a value", s => Plain(s, "X-Note: a\rb\r\n"));
        yield return ("version 8", s => Plain(s).Replace("Version: 13", "Version: 8", StringComparison.Ordinal));
        yield return ("upgrade to h2c", s => Plain(s).Replace("Upgrade: websocket", "Upgrade: h2c", StringComparison.Ordinal));
        yield return ("no Connection: upgrade", s => Plain(s).Replace("Connection: Upgrade", "Connection: keep-alive", StringComparison.Ordinal));
        yield return ("a subprotocol", s => Plain(s, "Sec-WebSocket-Protocol: chat\r\n"));
        yield return ("120 header lines", s => Plain(s, string.Concat(Enumerable.Range(0, 120).Select(i => $"X-N{i}: {i}\r\n"))));
        yield return ("a 9 KiB head", s => Plain(s, $"X-Pad: {new string('a', 9 * 1024)}\r\n"));
        yield return ("a 40 KiB head", s => Plain(s, $"X-Pad: {new string('a', 40 * 1024)}\r\n"));
        yield return ("POST", s => Plain(s).Replace("GET /ws", "POST /ws", StringComparison.Ordinal));
        yield return ("absolute target", s => Plain(s).Replace("GET /ws", $"GET http://{s.Authority}/ws", StringComparison.Ordinal));
        yield return ("a host Kestrel refuses", s => Plain(s).Replace($"Host: {s.Authority}", "Host: game.exa\tmple", StringComparison.Ordinal));
        yield return ("a host with a path", s => Plain(s).Replace($"Host: {s.Authority}", "Host: a/b", StringComparison.Ordinal));
        yield return ("a TLS hello", _ => "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n");
    }

    // Kestrel's reason phrases are its own either way; the status code is what the client acts on.
    private static string StatusOf(string statusLine) => statusLine.Length >= 12 ? statusLine[..12] : statusLine;

    private static (long Direct, long Http) Upgrades(InProcessServer server)
    {
        var metrics = server.Services.GetRequiredService<RealtimeMetrics>();
        return (metrics.DirectUpgrades, metrics.HttpUpgrades);
    }

    // The rest of a HEAD answer: its headers, and no body.
    private static async Task SkipHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var tail = new StringBuilder("\r\n");
        var one = new byte[1];
        while (!tail.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, cancellationToken) == 1)
        {
            tail.Append((char)one[0]);
        }
    }
}
