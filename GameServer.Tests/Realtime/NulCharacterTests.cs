using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.Realtime;

/// <summary>
/// Found by the protocol fuzz on PostgreSQL: text holding U+0000 (written <c>\u0000</c> in JSON) reached
/// the store, which refused it ("invalid byte sequence for encoding UTF8: 0x00"), and the client got an
/// internal error and the log an Error. No text may hold it, on either store: -32602 naming the field.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class NulCharacterTests
{
    [Test]
    public async Task Text_holding_U0000_is_refused_naming_the_field_and_the_connection_stays()
    {
        await using var server = await InProcessServer.StartAsync();
        await using var socket = await RawSocket.ConnectAsync(server.WebSocketUri);
        var name = Some.Username("nul");
        var registered = await socket.CallAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"auth.register","params":{"username":"{{{name}}}","password":"{{{Some.Password}}}"}}""");
        Assert.That(registered.TryGetProperty("result", out _), Is.True, registered.ToString());

        var refused = await socket.CallAsync("""{"jsonrpc":"2.0","id":2,"method":"chat.send","params":{"text":"hello\u0000world"}}""");

        Assert.That(refused.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(ErrorCodes.InvalidParams), refused.ToString());
        Assert.That(refused.GetProperty("error").GetProperty("message").GetString(), Does.Contain("text"));
        var escaped = await socket.CallAsync("""{"jsonrpc":"2.0","id":3,"method":"chat.send","params":{"text":"a backslash and u0000: \\u0000"}}""");
        Assert.That(escaped.TryGetProperty("result", out _), Is.True, $"an escaped backslash before u0000 is plain text: {escaped}");
    }
}
