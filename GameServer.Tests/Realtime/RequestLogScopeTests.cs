using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Realtime.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.Logging;

namespace GameServer.Tests.Realtime;

/// <summary>Every line a request writes, down in its handler, says whose request it was: session, user and method.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class RequestLogScopeTests
{
    private const string LoggingMethod = "test.log";
    private const string LoginMethod = "test.login";

    [Test]
    public async Task A_line_a_handler_writes_carries_the_session_the_user_and_the_method()
    {
        var logs = new CollectingLoggerProvider();
        await using var server = await TransportServer.StartAsync(logs, new LoggingMethods(logs.CreateLogger("Handler")));
        await using var client = await GameClient.ConnectAsync(server.WebSocketUri, new GameClientOptions { CallCancellation = TestContext.CurrentContext.CancellationToken });

        await client.CallAsync(LoggingMethod, GameJsonContext.Default.EmptyParams);
        await client.CallAsync(LoginMethod, new Credentials("carol", Some.Password), GameJsonContext.Default.Credentials, GameJsonContext.Default.EmptyParams);
        await client.CallAsync(LoggingMethod, GameJsonContext.Default.EmptyParams);

        var handlerLines = logs.Lines.Where(l => l.Contains("handler at work", StringComparison.Ordinal)).ToList();
        Assert.That(handlerLines, Has.Count.EqualTo(2));
        Assert.That(handlerLines[0], Does.Match(@"=> session \d+ user \(none\) method test\.log$"), "before login: the session and the method");
        Assert.That(handlerLines[1], Does.Match(@"=> session \d+ user carol method test\.log$"), "once logged in: the user too");
        Assert.That(logs.Lines.Where(l => l.Contains("handler at work", StringComparison.Ordinal) || l.Contains("took", StringComparison.Ordinal)),
            Has.All.Contains("=> session "), "the dispatcher's own lines too");
    }

    [Test]
    public async Task A_line_written_outside_a_request_carries_no_request_scope()
    {
        var logs = new CollectingLoggerProvider();
        await using var server = await TransportServer.StartAsync(logs, new LoggingMethods(logs.CreateLogger("Handler")));
        await using var client = await GameClient.ConnectAsync(server.WebSocketUri, new GameClientOptions { CallCancellation = TestContext.CurrentContext.CancellationToken });

        await client.CallAsync(LoggingMethod, GameJsonContext.Default.EmptyParams);

        Assert.That(logs.Lines.Where(l => l.Contains("opened from", StringComparison.Ordinal)), Has.None.Contains("=> session"), "the scope ends with its request");
    }

    /// <summary>A method whose handler writes a line of its own, and a login that only names the session's user.</summary>
    private sealed class LoggingMethods(ILogger logger) : IRpcMethods
    {
        public void MapTo(RpcMethodTable.Builder methods) =>
            methods
                .Add<EmptyParams, EmptyParams>(LoggingMethod, RpcAccess.Anonymous, GameJsonContext.Default.EmptyParams, GameJsonContext.Default.EmptyParams,
                    (_, _, _) =>
                    {
                        logger.LogInformation("handler at work");
                        return ValueTask.FromResult(new EmptyParams());
                    })
                .Add<Credentials, EmptyParams>(LoginMethod, RpcAccess.Anonymous, GameJsonContext.Default.Credentials, GameJsonContext.Default.EmptyParams,
                    (session, login, _) =>
                    {
                        session.SignIn(new GameServer.Realtime.SessionUser(1, login.Username, IsAdmin: false), "test");
                        return ValueTask.FromResult(new EmptyParams());
                    });
    }
}
