using System.Diagnostics;
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
        using var directory = new TempDirectory();
        var script = directory.File("client.mjs");
        await File.WriteAllTextAsync(script, Script);
        var module = new Uri(Path.Combine(AppContext.BaseDirectory, "web-client", "js", "gameclient.js")).ToString();
        var name = Some.Username("node");

        // Node 20 has WebSocket behind this flag; later versions have it on and accept the flag.
        var start = new ProcessStartInfo("node", ["--experimental-websocket", script, module, server.WebSocketUri.ToString(), name])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(node.ExitCode, Is.Zero, await errors);
        using var result = JsonDocument.Parse(await output);
        Assert.That(result.RootElement.GetProperty("user").GetString(), Is.EqualTo(name));
        Assert.That(result.RootElement.GetProperty("refused").GetInt32(), Is.EqualTo(-32003));
        Assert.That(result.RootElement.GetProperty("time").GetString(), Is.Not.Empty);
    }
}
