using System.Net.WebSockets;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.System;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Limits;

/// <summary>
/// Finding 2: anonymous sockets stayed open for ever, and a peer that stopped answering pings was
/// never dropped. Both now cost a bounded time.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class IdleConnectionTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"system.ping"}""";

    [Test]
    public async Task An_anonymous_session_that_never_logs_in_is_closed_with_1008()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InProcessServer.StartAsync(services => services.AddSingleton<TimeProvider>(time));
        await using var anonymous = await RawSocket.ConnectAsync(server.WebSocketUri);
        await anonymous.CallAsync(Ping);
        var (player, _) = await server.ConnectAsUserAsync();

        time.Advance(TimeSpan.FromSeconds(14));
        var stillOpen = await anonymous.CallAsync(Ping);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(stillOpen.GetProperty("id").GetInt32(), Is.EqualTo(1), "served until the deadline");
        Assert.That(await anonymous.WaitForCloseAsync(), Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        Assert.That(await player.PingAsync(), Is.Not.Null, "a logged-in session has no deadline");
    }

    [Test]
    public async Task A_session_that_logs_out_has_the_deadline_again()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InProcessServer.StartAsync(services => services.AddSingleton<TimeProvider>(time));
        var (player, _) = await server.ConnectAsUserAsync();
        var closed = ClosedSession(server);

        time.Advance(TimeSpan.FromMinutes(1));
        await player.LogoutAsync();
        time.Advance(TimeSpan.FromSeconds(15));

        var session = await closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(session.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
    }

    [Test]
    public async Task A_peer_that_stops_answering_pings_is_dropped()
    {
        await using var server = await InProcessServer.StartAsync(
            "--Realtime:KeepAliveInterval=00:00:00.200", "--Realtime:KeepAliveTimeout=00:00:00.500");
        var healthy = await server.ConnectAsync();
        var closed = ClosedSession(server);

        using var silent = await SilentPeer.ConnectAsync(server.WebSocketUri);

        // Long before the 15 s login deadline: only the unanswered ping can close it.
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(await healthy.PingAsync(), Is.Not.Null, "a client that answers pings stays");
        Assert.That(server.Services.GetRequiredService<SessionRegistry>().Count, Is.EqualTo(1));
    }

    [Test]
    public async Task The_keep_alive_runs_on_wall_time_so_a_virtual_clock_moved_on_by_hours_drops_no_one()
    {
        // Regression: the shared keep-alive once ran on the server's clock, and a test that moved it on
        // had every connection dropped as silent.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InProcessServer.StartAsync(services => services.AddSingleton<TimeProvider>(time));
        var (player, _) = await server.ConnectAsUserAsync();

        // Back to back, as a test moves its clock: faster than any peer could answer a ping.
        for (var step = 0; step < 10; step++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            time.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(20);
        }

        Assert.That(await player.PingAsync(), Is.Not.Null);
    }

    private static Task<Session> ClosedSession(InProcessServer server)
    {
        var closed = new TaskCompletionSource<Session>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Services.GetRequiredService<SessionRegistry>().Closed += session => closed.TrySetResult(session);
        return closed.Task;
    }
}
