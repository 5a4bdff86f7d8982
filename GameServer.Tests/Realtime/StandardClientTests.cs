using System.Net.WebSockets;
using System.Text.Json;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;
using StreamJsonRpc;

namespace GameServer.Tests.Realtime;

/// <summary>An off-the-shelf JSON-RPC 2.0 library that knows nothing of GameServer can use it.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class StandardClientTests
{
    [Test]
    public async Task StreamJsonRpc_registers_logs_in_resumes_and_pings()
    {
        await using var server = await InProcessServer.StartAsync();
        var name = Some.Username();
        using var first = await ConnectAsync(server);
        using var second = await ConnectAsync(server);

        var registered = await first.InvokeWithParameterObjectAsync<JsonElement>("auth.register", new Dictionary<string, object> { ["username"] = name, ["password"] = Some.Password });
        var loggedIn = await second.InvokeWithParameterObjectAsync<JsonElement>("auth.login", new Dictionary<string, object> { ["username"] = name, ["password"] = Some.Password });
        var resumed = await second.InvokeWithParameterObjectAsync<JsonElement>("auth.resume", new Dictionary<string, object> { ["token"] = registered.GetProperty("token").GetString()! });
        var ping = await first.InvokeWithParameterObjectAsync<JsonElement>("system.ping");
        var refused = Assert.ThrowsAsync<RemoteInvocationException>(() => second.InvokeWithParameterObjectAsync<JsonElement>("auth.login", new Dictionary<string, object> { ["username"] = name, ["password"] = "wrong password" }));

        Assert.That(registered.GetProperty("user").GetProperty("username").GetString(), Is.EqualTo(name));
        Assert.That(loggedIn.GetProperty("user").GetProperty("id").GetInt32(), Is.EqualTo(registered.GetProperty("user").GetProperty("id").GetInt32()));
        Assert.That(resumed.GetProperty("user").GetProperty("is_admin").GetBoolean(), Is.False);
        Assert.That(DateTimeOffset.Parse(ping.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(refused.ErrorCode, Is.EqualTo(ErrorCodes.Unauthenticated));
    }

    private static async Task<JsonRpc> ConnectAsync(InProcessServer server)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketUri, CancellationToken.None);
        var rpc = new JsonRpc(new WebSocketMessageHandler(socket, new SystemTextJsonFormatter()));
        rpc.StartListening();
        return rpc;
    }
}
