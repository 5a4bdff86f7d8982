using System.Text.Json;
using GameServer.Tests.Support;
using GameServer.Tools.Bots;

namespace GameServer.Tests.Tools.Bots;

/// <summary>
/// <c>bots --spawn-server --nodes 2 --redis --postgres</c> as a user runs it: it starts two nodes of
/// one game, spreads the bots over them and reports each node's CPU and role. Not parallel with other
/// fixtures: it captures the console, and its server processes need the CPU.
/// </summary>
[Category("Integration")]
[NonParallelizable]
[CancelAfter(300_000)]
public sealed class BotsCommandClusterTests
{
    [Test]
    public async Task Two_nodes_it_starts_are_reported_each_with_its_cpu_and_one_as_the_worlds_owner()
    {
        using var directory = new TempDirectory();
        var json = directory.File("bots.json");
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        int exitCode;
        try
        {
            exitCode = await BotsCommand.RunAsync(
            [
                "--spawn-server", "--nodes", "2", "--redis", TestRedis.Shared.Configuration, "--postgres", TestPostgres.Shared.CreateDatabase(),
                "--count", "4", "--seconds", "2", "--warmup", "1", "--ramp-up", "0", "--json", json,
            ]);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.That(exitCode, Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("| node | id | roles |").And.Contain("the world's owner"));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var run = document.RootElement.GetProperty("runs")[0];
        var nodes = run.GetProperty("nodes").EnumerateArray().ToList();
        Assert.That(nodes.Select(n => n.GetProperty("id").GetString()), Is.EqualTo(new[] { "node-0", "node-1" }));
        Assert.That(nodes.Select(n => n.GetProperty("joined").GetInt32()), Is.EqualTo(new[] { 2, 2 }));
        Assert.That(nodes.Select(n => n.GetProperty("cpu_cores").GetDouble()), Has.All.GreaterThan(0));
        Assert.That(nodes.Select(n => n.GetProperty("move_to_arrival").GetProperty("count").GetInt64()), Has.All.GreaterThan(0));
        Assert.That(nodes.Count(n => n.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "world:default")), Is.EqualTo(1));
        Assert.That(run.GetProperty("server_cpu_cores").GetDouble(), Is.EqualTo(nodes.Sum(n => n.GetProperty("cpu_cores").GetDouble())).Within(0.01));
    }
}
