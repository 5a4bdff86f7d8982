using System.Text.Json;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Realtime;

/// <summary>
/// Issue 16: an idle connection holds no outbound queue and runs no writer; both exist only while
/// frames wait to be sent (ten thousand idle sessions each holding a channel and a parked writer
/// was about 1 KiB apiece).
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class IdleSessionTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"system.ping"}""";

    [Test]
    public async Task A_session_holds_no_send_queue_once_its_replies_are_sent()
    {
        await using var server = await InProcessServer.StartAsync();
        Session? session = null;
        server.Services.GetRequiredService<SessionRegistry>().Opened += opened => session = opened;
        await using var socket = await RawSocket.ConnectAsync(server.WebSocketUri);

        // A reply also shows the session is open: the handshake's answer may arrive before the registry has it.
        for (var i = 0; i < 3; i++)
        {
            var reply = await socket.CallAsync(Ping);
            Assert.That(reply.GetProperty("id").GetInt32(), Is.EqualTo(1));
        }

        // The writer lets go of the queue just after its last send returns, a moment after the client has the frame.
        Assert.That(SpinWait.SpinUntil(() => !session!.HoldsSendQueue, TimeSpan.FromSeconds(10)), Is.True, "the replies are sent: no queue, no writer");
        var again = await socket.CallAsync(Ping);
        Assert.That(again.GetProperty("id").GetInt32(), Is.EqualTo(1), "a writer starts again for the next frame");
    }

    [Test]
    public async Task No_request_authenticates_by_default_so_a_handshake_creates_no_handler_for_its_lifetime()
    {
        await using var server = await InProcessServer.StartAsync();
        var schemes = server.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.That(await schemes.GetDefaultAuthenticateSchemeAsync(), Is.Null, "in the tests' process");
        Assert.That(ShippedSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme"), Is.True, "in the shipped runtimeconfig.json");
    }

    private static bool ShippedSwitch(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "GameServer.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").TryGetProperty(name, out var value) && value.GetBoolean();
    }
}
