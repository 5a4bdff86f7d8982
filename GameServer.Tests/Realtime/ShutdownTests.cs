using System.Net.WebSockets;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Tests.Support;

namespace GameServer.Tests.Realtime;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class ShutdownTests
{
    [Test]
    public async Task Stopping_the_server_closes_sockets_with_1001()
    {
        var server = await InProcessServer.StartAsync();
        // Not through the server's helper: it would close its own clients politely before stopping.
        await using var client = await GameClient.ConnectAsync(server.WebSocketUri);
        await client.RegisterAsync(Some.Username(), Some.Password);

        var stopping = server.DisposeAsync();

        Assert.That(await client.Closed, Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
        await stopping;
    }
}
