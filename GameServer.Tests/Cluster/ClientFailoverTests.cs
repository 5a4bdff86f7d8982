using System.Diagnostics;
using System.Text.Json;
using GameServer.Tests.Support;

namespace GameServer.Tests.Cluster;

/// <summary>
/// The web client's <c>gameclient.js</c> (in Node) on three nodes as separate processes, given all three
/// nodes' URLs: its node SIGKILLed, it reconnects to another, resumes its session there with
/// <c>auth.resume</c> and is playing again (its next <c>players.move</c> answered) within 10 s of the kill.
/// The node killed is the world's owner as well, the worst case: the move also waits for a new owner.
/// </summary>
[Category("Integration")]
[CancelAfter(600_000)]
[NonParallelizable] // Server processes of its own, and a timing to measure: not alongside the other fixtures.
public sealed class ClientFailoverTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PlayingAgainWithin = TimeSpan.FromSeconds(10);

    // Logs in, steps inwards, says "ready"; then, once resumed elsewhere, steps again (asked again while
    // no node owns the world: -32050) and says where it resumed and where it stands.
    private const string Script = """
        const { GameClient, RpcError } = await import(process.argv[2]);
        const { ErrorCodes, Methods } = await import(process.argv[3]);
        const client = new GameClient(JSON.parse(process.argv[4]));
        const say = (value) => console.log(JSON.stringify(value));
        await client.connect();
        await client.register(process.argv[5], process.argv[6]);
        const at = await client.call(Methods.PlayersMove, { dx: 0, dy: 0 });
        const step = { dx: at.position_x < 50 ? 1 : -1, dy: at.position_y < 50 ? 1 : -1 };
        const before = await client.call(Methods.PlayersMove, step);
        const resumed = new Promise((resolve) => client.addEventListener("session", ({ detail }) => { if (detail.user) resolve(detail.user); }));
        say({ user: client.user.id, url: client.url, at, before, step });

        const user = await resumed;
        const resumedOn = client.url;
        const deadline = Date.now() + 30_000;
        for (;;) {
          try {
            say({ user: user.id, url: resumedOn, after: await client.call(Methods.PlayersMove, step) });
            break;
          } catch (error) {
            if (!(error instanceof RpcError && error.code === ErrorCodes.OwnerUnavailable) || Date.now() > deadline) throw error;
          }
        }
        client.close();
        """;

    [Test]
    public async Task A_client_of_a_SIGKILLed_node_resumes_on_another_and_moves_within_10_s()
    {
        using var cluster = await TestCluster.StartAsync(3, TestRedis.Shared);
        int owner;
        await using (var looker = (await cluster.ConnectAsUserAsync(0)).Client)
        {
            owner = await WorldOwners.OwnerAsync(looker, [0, 1, 2], Timeout);
        }

        var urls = Enumerable.Range(0, 3).Select(i => cluster[(owner + i) % 3].WebSocketAddress.ToString()).ToList();
        await using var script = await NodeProcess.StartAsync(Script,
            NodeScript.Module("gameclient.js"), NodeScript.Module("protocol.js"), JsonSerializer.Serialize(urls), Some.Username("node"), Some.Password);
        using var ready = JsonDocument.Parse(await script.ReadLineAsync(Timeout));
        Assert.That(ready.RootElement.GetProperty("url").GetString(), Is.EqualTo(urls[0]), "on the owner's node");

        var killed = Stopwatch.StartNew();
        cluster.Kill(owner);
        using var playing = JsonDocument.Parse(await script.ReadLineAsync(Timeout + Timeout));
        var playingAfter = killed.Elapsed;

        // The new owner reloads positions saved at most Realtime:PersistInterval (1 s) ago: the step taken
        // just before the kill may not be among them, so the step after it starts from either position.
        var x = (string name) => ready.RootElement.GetProperty(name).GetProperty("position_x").GetDouble();
        var dx = ready.RootElement.GetProperty("step").GetProperty("dx").GetDouble();
        Assert.Multiple(() =>
        {
            Assert.That(playing.RootElement.GetProperty("url").GetString(), Is.AnyOf(urls[1], urls[2]), "resumed on a surviving node");
            Assert.That(playing.RootElement.GetProperty("user").GetInt32(), Is.EqualTo(ready.RootElement.GetProperty("user").GetInt32()), "the same user, by auth.resume");
            Assert.That(playing.RootElement.GetProperty("after").GetProperty("position_x").GetDouble(), Is.AnyOf(x("at") + dx, x("before") + dx), "the move applied");
            Assert.That(playingAfter, Is.LessThan(PlayingAgainWithin), "playing again within 10 s of the kill");
        });
        TestContext.Out.WriteLine($"resumed on {playing.RootElement.GetProperty("url")} and moved {playingAfter.TotalMilliseconds:F0} ms after the kill");
    }
}
