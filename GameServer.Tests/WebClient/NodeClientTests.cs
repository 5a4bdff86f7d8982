using System.Text.Json;
using GameServer.Tests.Support;

namespace GameServer.Tests.WebClient;

/// <summary>The web client's <c>gameclient.js</c> runs unchanged in Node, so Node bots and tests can use it too.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class NodeClientTests
{
    private const string Script = """
        const { GameClient } = await import(process.argv[2]);
        const client = new GameClient(process.argv[3]);
        await client.connect();
        const pong = await client.call("system.ping");
        const auth = await client.register(process.argv[4], "correct horse battery");
        let refused = 0;
        try { await client.call("items.create", { name: "x", weight: 1 }); } catch (error) { refused = error.code; }
        console.log(JSON.stringify({ time: pong.time, user: auth.user.username, refused }));
        client.close();
        """;

    [Test]
    public async Task Gameclient_js_registers_pings_and_reads_errors_from_node()
    {
        await using var server = await InProcessServer.StartAsync();
        var name = Some.Username("node");

        var output = await NodeScript.RunAsync(Script, NodeScript.Module("gameclient.js"), server.WebSocketUri.ToString(), name);

        using var result = JsonDocument.Parse(output);
        Assert.That(result.RootElement.GetProperty("user").GetString(), Is.EqualTo(name));
        Assert.That(result.RootElement.GetProperty("refused").GetInt32(), Is.EqualTo(-32003));
        Assert.That(result.RootElement.GetProperty("time").GetString(), Is.Not.Empty);
    }
}
