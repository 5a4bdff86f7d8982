using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.ServerStatus;

/// <summary>Finding 12: system.info told anyone the server's load and jobs; it now needs a login.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class SystemInfoAccessTests
{
    [Test]
    public async Task System_info_needs_a_login()
    {
        await using var server = await InProcessServer.StartAsync();
        var anonymous = await server.ConnectAsync();
        var (player, _) = await server.ConnectAsUserAsync();

        var refused = Assert.ThrowsAsync<GameRpcException>(() => anonymous.InfoAsync());

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        Assert.That(await anonymous.PingAsync(), Is.Not.Null, "system.ping stays open to all");
        Assert.That((await player.InfoAsync()).Name, Is.EqualTo("GameServer"));
    }
}
