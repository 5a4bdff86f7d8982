using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Realtime.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.Realtime;

/// <summary>
/// A reply that never comes ends a call when its token does: once, such a call hung the whole test
/// run, because <c>[CancelAfter]</c> cancels a token that nothing passed to the client.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class LostReplyTests
{
    private const string SilentMethod = "test.never_answers";

    // Longer than any of these tests should take, short of the fixture's CancelAfter: before the fix the
    // awaited call never ended, and this turns that into a failure instead of a hang.
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_call_whose_reply_never_comes_is_cancelled_by_its_token()
    {
        var silent = new SilentMethods();
        await using var server = await TransportServer.StartAsync(null, silent);
        await using var client = await GameClient.ConnectAsync(server.WebSocketUri);
        using var cancel = new CancellationTokenSource();

        var call = client.CallAsync(SilentMethod, GameJsonContext.Default.EmptyParams, cancel.Token);
        await silent.Received.Task.WaitAsync(Hung);
        await cancel.CancelAsync();

        Assert.That(async () => await call.WaitAsync(Hung), Throws.InstanceOf<OperationCanceledException>());
        silent.Answer.TrySetResult(); // lets the session, and so the server, stop without waiting out its timeouts
    }

    [Test]
    public async Task A_lost_reply_ends_with_the_connections_call_cancellation()
    {
        var silent = new SilentMethods();
        await using var server = await TransportServer.StartAsync(null, silent);
        using var testTimeout = new CancellationTokenSource();
        await using var client = await GameClient.ConnectAsync(server.WebSocketUri, new GameClientOptions { CallCancellation = testTimeout.Token });

        // No token of its own, as most test code calls: the connection's token, a test's CancelAfter, ends it.
        var call = client.CallAsync(SilentMethod, GameJsonContext.Default.EmptyParams);
        await silent.Received.Task.WaitAsync(Hung);
        await testTimeout.CancelAsync();

        Assert.That(async () => await call.WaitAsync(Hung), Throws.InstanceOf<OperationCanceledException>());
        silent.Answer.TrySetResult(); // lets the session, and so the server, stop without waiting out its timeouts
    }

    [Test]
    public async Task A_cancelled_call_is_forgotten_and_its_late_answer_dropped()
    {
        var silent = new SilentMethods();
        await using var server = await TransportServer.StartAsync(null, silent);
        await using var client = await GameClient.ConnectAsync(server.WebSocketUri);
        using var cancel = new CancellationTokenSource();

        var call = client.CallAsync(SilentMethod, GameJsonContext.Default.EmptyParams, cancel.Token);
        await silent.Received.Task.WaitAsync(Hung);
        await cancel.CancelAsync();
        Assert.That(async () => await call.WaitAsync(Hung), Throws.InstanceOf<OperationCanceledException>());

        // The server answers at last; the session then reaches the next call, whose answer must be its own.
        silent.Answer.TrySetResult();
        var next = await client.CallAsync(Methods.SystemPing, GameJsonContext.Default.EmptyParams).WaitAsync(Hung);
        Assert.That(next, Is.Not.Null);
    }

    [Test]
    public async Task The_in_process_server_hands_the_tests_token_to_its_clients()
    {
        await using var server = await InProcessServer.StartAsync();
        using var testTimeout = new CancellationTokenSource();
        var client = await server.ConnectAsync(testTimeout.Token);
        await testTimeout.CancelAsync();

        Assert.That(async () => await client.CallAsync(Methods.SystemPing, GameJsonContext.Default.EmptyParams).WaitAsync(Hung),
            Throws.InstanceOf<OperationCanceledException>());
    }

    /// <summary>A method that tells the test it was called, then answers only when the test says so.</summary>
    private sealed class SilentMethods : IRpcMethods
    {
        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void MapTo(RpcMethodTable.Builder methods) =>
            methods
                .Add<EmptyParams, EmptyParams>(SilentMethod, RpcAccess.Anonymous, GameJsonContext.Default.EmptyParams, GameJsonContext.Default.EmptyParams,
                    async (_, _, cancellationToken) =>
                    {
                        Received.TrySetResult();
                        await Answer.Task.WaitAsync(cancellationToken);
                        return new EmptyParams();
                    })
                .Add<EmptyParams, EmptyParams>(Methods.SystemPing, RpcAccess.Anonymous, GameJsonContext.Default.EmptyParams, GameJsonContext.Default.EmptyParams,
                    (_, _, _) => ValueTask.FromResult(new EmptyParams()));
    }
}
