using System.Text.Json;
using GameServer.Tests.Support;
using GameServer.Tools.Bots;

namespace GameServer.Tests.Tools.Bots;

/// <summary>
/// The whole <c>bots</c> command against the in-process server, as a user runs it: the table on
/// stdout and the JSON file. Not parallel with other fixtures, because it captures the console.
/// </summary>
[Category("Integration")]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class BotsCommandRunTests
{
    private InProcessServer _server = null!;
    private TempDirectory _directory = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync("--Monsters:TickEnabled=true");
        _directory = new TempDirectory();
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Test]
    public async Task A_mixed_run_prints_its_table_and_writes_its_json()
    {
        var json = _directory.File("bots.json");

        var (exitCode, output) = await RunAsync(
            "--count", "6", "--mix", "walk=2,chat=1,hunt=1,shop=1,idle=1", "--now-and-then", "1", "--seconds", "3", "--warmup", "1",
            "--ramp-up", "0.5", "--users-prefix", Some.Username("m"), "--json", json);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("| bots | connected | moves/s |").And.Contain("| move → arrival |").And.Contain("| players.move |"));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var run = document.RootElement.GetProperty("runs")[0];
        Assert.That(run.GetProperty("connected").GetInt32(), Is.EqualTo(6));
        Assert.That(run.GetProperty("move_to_arrival").GetProperty("count").GetInt64(), Is.GreaterThan(0));
        Assert.That(run.GetProperty("move_to_arrival").GetProperty("p99_ms").GetDouble(), Is.GreaterThan(0));
        Assert.That(run.GetProperty("messages_in_per_s").GetDouble(), Is.GreaterThan(0));
        Assert.That(run.GetProperty("messages_out_per_s").GetDouble(), Is.GreaterThan(0));
        Assert.That(run.GetProperty("users").GetProperty("registered").GetInt64(), Is.EqualTo(6));
        var methods = run.GetProperty("round_trips").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("count").GetInt64());
        Assert.That(methods.Keys, Is.SupersetOf(new[] { "auth.login", "auth.register", "players.subscribe", "players.move", "chat.subscribe", "chat.send", "monsters.subscribe", "inventory.mine" }));
        Assert.That(methods.Values, Has.All.GreaterThan(0));
        foreach (var key in new[] { "errors", "reconnects", "moves", "server_cpu_cores", "bots_cpu_cores" })
        {
            Assert.That(run.TryGetProperty(key, out _), Is.True, key);
        }
    }

    [Test]
    public async Task Two_processes_merge_their_histograms_into_one_run()
    {
        var json = _directory.File("bots.json");

        var (exitCode, output) = await RunAsync(
            "--count", "4", "--processes", "2", "--seconds", "2", "--warmup", "1", "--ramp-up", "0", "--users-prefix", Some.Username("p"), "--json", json);

        Assert.That(exitCode, Is.Zero, output);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var run = document.RootElement.GetProperty("runs")[0];
        Assert.That(run.GetProperty("bots").GetInt32(), Is.EqualTo(4));
        Assert.That(run.GetProperty("connected").GetInt32(), Is.EqualTo(4));
        Assert.That(run.GetProperty("users").GetProperty("registered").GetInt64(), Is.EqualTo(4), "each process registers its own share, none twice");
        Assert.That(run.GetProperty("round_trips").GetProperty("players.subscribe").GetProperty("count").GetInt64(), Is.EqualTo(4));

        // A process measures only its own bots' moves: each of its 2 sees the other's.
        Assert.That(run.GetProperty("move_to_arrival").GetProperty("count").GetInt64(), Is.GreaterThan(0));
        Assert.That(run.GetProperty("unmatched").GetInt64(), Is.Zero);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var exitCode = await BotsCommand.RunAsync(["--url", _server.WebSocketUri.ToString(), .. args]);
            return (exitCode, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
