using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GameServer.Tests.Support;

namespace GameServer.Tests.WebClient;

/// <summary>
/// <c>gameclient.js</c> given several nodes' URLs, in Node against a fake WebSocket whose servers the script
/// takes up and down: each lost connection goes on on the next URL (the first again after the last) and
/// resumes there with the saved token; one URL is tried again as it always was. And the page's order of
/// the nodes (<c>failoverOrder</c>). Against real nodes: Cluster/ClientFailoverTests.
/// </summary>
[Category("Integration")] // Runs Node, as the other gameclient.js tests do.
[CancelAfter(60_000)]
public sealed class NodeClientFailoverTests
{
    // A WebSocket to a server that is up (opens, answers auth.resume with the token it got and the
    // server's URL as the user's name) or down (closes at once, as a refused connection does).
    private const string FakeServers = """
        const { GameClient } = await import(process.argv[2]);
        const { failoverOrder } = await import(process.argv[3]);
        const up = new Set();
        const tried = [];
        let current = null;
        class FakeSocket {
          constructor(url) {
            this.url = url;
            this.readyState = 0;
            tried.push(url);
            current = this;
            setTimeout(() => {
              if (!up.has(url)) return this.close(1006);
              this.readyState = 1;
              this.onopen();
            }, 0);
          }
          send(text) {
            const { id, method, params } = JSON.parse(text);
            const result = method === "auth.resume" ? { token: params.token, user: { id: 7, username: this.url } } : {};
            setTimeout(() => this.onmessage({ data: JSON.stringify({ jsonrpc: "2.0", id, result }) }), 0);
          }
          close(code = 1000) {
            if (this.readyState === 3) return;
            this.readyState = 3;
            setTimeout(() => this.onclose({ code }), 0);
          }
        }
        // Takes the current server down (or only cuts the line) and waits for the client's next resume.
        const lose = async (client, { down }) => {
          const resumed = new Promise((resolve) => client.addEventListener("session", ({ detail }) => resolve(detail.user.username), { once: true }));
          if (down) up.delete(current.url);
          current.close(1006);
          return resumed;
        };
        const report = (value) => { console.log(JSON.stringify(value)); process.exit(0); };

        """;

    [Test]
    public async Task Each_lost_connection_goes_on_on_the_next_node_and_resumes_there_cycling()
    {
        const string Script = FakeServers + """
            ["ws://a/ws", "ws://b/ws", "ws://c/ws"].forEach((url) => up.add(url));
            const client = new GameClient(["ws://a/ws", "ws://b/ws", "ws://c/ws"], { WebSocket: FakeSocket, token: "saved" });
            await client.connect();
            const resumedOn = [];
            for (let i = 0; i < 3; i++) resumedOn.push(await lose(client, { down: false }));
            report({ tried, resumedOn, token: client.token, url: client.url });
            """;

        using var result = await RunAsync(Script);

        Assert.That(Strings(result, "tried"), Is.EqualTo(new[] { "ws://a/ws", "ws://b/ws", "ws://c/ws", "ws://a/ws" }));
        Assert.That(Strings(result, "resumedOn"), Is.EqualTo(new[] { "ws://b/ws", "ws://c/ws", "ws://a/ws" }), "auth.resume on each new node");
        Assert.That(result.RootElement.GetProperty("token").GetString(), Is.EqualTo("saved"));
        Assert.That(result.RootElement.GetProperty("url").GetString(), Is.EqualTo("ws://a/ws"));
    }

    [Test]
    public async Task A_node_that_is_down_too_is_passed_over_for_the_next_one()
    {
        const string Script = FakeServers + """
            ["ws://a/ws", "ws://c/ws"].forEach((url) => up.add(url));
            const client = new GameClient(["ws://a/ws", "ws://b/ws", "ws://c/ws"], { WebSocket: FakeSocket, token: "saved" });
            await client.connect();
            const resumedOn = await lose(client, { down: true });
            report({ tried, resumedOn: [resumedOn], token: client.token, url: client.url });
            """;

        using var result = await RunAsync(Script);

        Assert.That(Strings(result, "tried"), Is.EqualTo(new[] { "ws://a/ws", "ws://b/ws", "ws://c/ws" }));
        Assert.That(Strings(result, "resumedOn"), Is.EqualTo(new[] { "ws://c/ws" }));
        Assert.That(result.RootElement.GetProperty("url").GetString(), Is.EqualTo("ws://c/ws"));
    }

    [Test]
    public async Task With_one_url_it_reconnects_to_that_url_as_before()
    {
        const string Script = FakeServers + """
            up.add("ws://only/ws");
            const client = new GameClient("ws://only/ws", { WebSocket: FakeSocket, token: "saved" });
            await client.connect();
            const resumedOn = [await lose(client, { down: false }), await lose(client, { down: false })];
            report({ tried, resumedOn, token: client.token, url: client.url });
            """;

        using var result = await RunAsync(Script);

        Assert.That(Strings(result, "tried"), Is.EqualTo(new[] { "ws://only/ws", "ws://only/ws", "ws://only/ws" }));
        Assert.That(Strings(result, "resumedOn"), Is.EqualTo(new[] { "ws://only/ws", "ws://only/ws" }));
    }

    [Test]
    public async Task The_page_starts_on_its_own_node_then_the_others_once_each_shuffled()
    {
        const string Script = FakeServers + """
            const listed = ["ws://b/ws", "ws://own/ws", "ws://c/ws", "ws://c/ws"];
            report({
              low: failoverOrder("ws://own/ws", listed, () => 0),
              high: failoverOrder("ws://own/ws", listed, () => 0.99),
              alone: failoverOrder("ws://own/ws", []),
            });
            """;

        using var result = await RunAsync(Script);

        Assert.That(Strings(result, "low"), Is.EqualTo(new[] { "ws://own/ws", "ws://c/ws", "ws://b/ws" }));
        Assert.That(Strings(result, "high"), Is.EqualTo(new[] { "ws://own/ws", "ws://b/ws", "ws://c/ws" }));
        Assert.That(Strings(result, "alone"), Is.EqualTo(new[] { "ws://own/ws" }));
    }

    [Test]
    public async Task A_refused_connection_goes_on_to_the_next_url_in_node_20_too()
    {
        // Node 20's own WebSocket reports a refused connection by an error event alone: the client used to wait for ever.
        await using var server = await InProcessServer.StartAsync();
        var refusing = new TcpListener(IPAddress.Loopback, 0);
        refusing.Start();
        var refusedUrl = $"ws://127.0.0.1:{((IPEndPoint)refusing.LocalEndpoint).Port}/ws";
        refusing.Stop();
        const string Script = """
            const { GameClient } = await import(process.argv[2]);
            const client = new GameClient([process.argv[3], process.argv[4]]);
            const refused = await client.connect().then(() => "opened", (error) => error.message);
            const pong = await client.call("system.ping");
            console.log(JSON.stringify({ refused, url: client.url, pong: Boolean(pong.time) }));
            client.close();
            """;

        using var result = JsonDocument.Parse(await NodeScript.RunAsync(Script, NodeScript.Module("gameclient.js"), refusedUrl, server.WebSocketUri.ToString()));

        Assert.That(result.RootElement.GetProperty("refused").GetString(), Does.StartWith("could not connect"));
        Assert.That(result.RootElement.GetProperty("url").GetString(), Is.EqualTo(server.WebSocketUri.ToString()));
        Assert.That(result.RootElement.GetProperty("pong").GetBoolean(), Is.True);
    }

    private static async Task<JsonDocument> RunAsync(string script) =>
        JsonDocument.Parse(await NodeScript.RunAsync(script, NodeScript.Module("gameclient.js"), NodeScript.Module("reconnect.js")));

    private static string[] Strings(JsonDocument result, string name) =>
        [.. result.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
