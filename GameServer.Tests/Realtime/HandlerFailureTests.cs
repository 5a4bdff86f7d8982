using GameServer.Protocol;
using GameServer.Protocol.JsonRpc;
using GameServer.Realtime.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.Realtime;

/// <summary>The transport alone, on real Kestrel, with a method that fails the way a bug would.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class HandlerFailureTests
{
    private const string FailingMethod = "test.fail";

    [Test]
    public async Task A_handler_exception_is_an_internal_error_whose_correlation_id_is_in_the_log()
    {
        var logs = new CollectingLoggerProvider();
        await using var server = await TransportServer.StartAsync(logs, new FailingMethods());
        await using var socket = await RawSocket.ConnectAsync(server.WebSocketUri);

        var response = await socket.CallAsync($"{{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"{FailingMethod}\"}}");

        JsonAssert.IsError(response, ErrorCodes.InternalError, id: 5);
        var error = response.GetProperty("error");
        var correlationId = error.GetProperty("data").GetProperty("correlation_id").GetString();
        Assert.That(error.ToString(), Does.Not.Contain("InvalidOperationException").And.Not.Contain(" at "), "no stack trace reaches the client");
        Assert.That(logs.Lines, Has.Some.Contains(correlationId).And.Contains("secret detail"), "the log has the details under the same id");
        var next = await socket.CallAsync("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"test.fail\"}");
        Assert.That(next.GetProperty("id").GetInt32(), Is.EqualTo(6), "the connection stays usable");
    }

    private sealed class FailingMethods : IRpcMethods
    {
        public void MapTo(RpcMethodTable.Builder methods) =>
            methods.Add<EmptyParams, EmptyParams>(FailingMethod, RpcAccess.Anonymous, GameJsonContext.Default.EmptyParams, GameJsonContext.Default.EmptyParams,
                (_, _, _) => throw new InvalidOperationException("secret detail"));
    }
}
