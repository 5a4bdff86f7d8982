using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameServer.Tests.Realtime;

/// <summary>
/// Found by the protocol fuzz: a string that escapes a lone UTF-16 surrogate (<c>"\ud800"</c>) is valid JSON
/// syntax but cannot be read as a string; where the dispatcher read one outside its try, the exception
/// escaped the session, the connection ended with 1000 instead of an answer, and the log got an Error.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class LoneSurrogateTests
{
    [TestCase("""{"jsonrpc":"\udfff\ud800","id":1,"method":"system.ping"}""", ErrorCodes.InvalidRequest, TestName = "A_lone_surrogate_in_jsonrpc_is_an_invalid_request_not_a_dropped_connection")]
    [TestCase("""{"jsonrpc":"2.0","id":"\ud800","method":"system.ping"}""", null, TestName = "A_lone_surrogate_in_the_id_gets_an_answer_not_a_dropped_connection")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"system\ud800ping"}""", ErrorCodes.MethodNotFound, TestName = "A_lone_surrogate_in_the_method_is_method_not_found_not_a_dropped_connection")]
    public async Task A_lone_surrogate_escape_gets_an_answer_and_the_connection_stays(string frame, int? code)
    {
        var logs = new CollectingLoggerProvider();
        await using var server = await InProcessServer.StartAsync(
            services => services.AddSingleton<ILoggerFactory>(_ => LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(logs))));
        await using var socket = await RawSocket.ConnectAsync(server.WebSocketUri);

        await socket.SendTextAsync(frame);
        var answer = await socket.ReceiveAsync();

        Assert.That(answer, Is.Not.Null, "an answer, not a closed connection");
        if (code is { } expected)
        {
            Assert.That(answer!.Value.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(expected));
        }

        var ping = await socket.CallAsync("""{"jsonrpc":"2.0","id":2,"method":"system.ping"}""");
        Assert.That(ping.GetProperty("id").GetInt32(), Is.EqualTo(2), "the connection stays usable");
        Assert.That(logs.Lines.Where(l => l.StartsWith("Error:", StringComparison.Ordinal)), Is.Empty, "nothing a client sends is an unhandled exception");
    }
}
