using System.Collections.Concurrent;
using System.Net.WebSockets;
using GameServer.Realtime;
using GameServer.Tests.Support;
using GameServer.Tools.Bots;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Tools.Bots;

[Category("Integration")]
[CancelAfter(60_000)]
public sealed class BotReconnectTests
{
    [Test]
    public async Task A_bot_the_server_drops_resumes_with_its_token_and_the_reconnect_is_counted(CancellationToken cancellationToken)
    {
        await using var server = await InProcessServer.StartAsync();
        var registry = server.Services.GetRequiredService<SessionRegistry>();
        var sessions = new ConcurrentQueue<Session>();
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.SignedIn += session =>
        {
            sessions.Enqueue(session);
            if (sessions.Count == 4)
            {
                resumed.TrySetResult();
            }
        };
        var allJoined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new BotsOptions(server.WebSocketUri, Count: 3, Rate: 5, Seconds: 5, Warmup: 0) { RampUp = 0, UsersPrefix = Some.Username("d") };
        var run = BotRun.RunAsync(options, options.Urls!, serverCpu: null, cancellationToken, progress: p =>
        {
            if (p.Connected == 3)
            {
                allJoined.TrySetResult();
            }
        });

        // Once every bot has joined (a drop while joining is a failed join, not a reconnect), as the
        // server does to a client that reads too slowly.
        await allJoined.Task.WaitAsync(cancellationToken);
        sessions.First().RequestClose(WebSocketCloseStatus.PolicyViolation, "dropped by the test");
        await resumed.Task.WaitAsync(cancellationToken);
        var result = await run;

        Assert.That(result.Reconnects, Is.EqualTo(new Dictionary<string, long> { ["closed 1008"] = 1 }));
        Assert.That(result.RoundTrips["auth.resume"].Count, Is.EqualTo(1));
        Assert.That(result.Errors, Is.Empty);
    }
}
