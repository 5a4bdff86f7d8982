using System.CommandLine;
using GameServer.Tools.Bots;

namespace GameServer.Tests.Tools.Bots;

[Category("Unit")]
public sealed class BotsCommandTests
{
    [Test]
    public void The_defaults_walk_200_bots_for_20_seconds()
    {
        var options = Read("--spawn-server");

        Assert.That(options with { Mix = BehaviourMix.WalkOnly }, Is.EqualTo(new BotsOptions(SpawnServer: true, Count: 200, Rate: 10, Radius: null, Seconds: 20, Warmup: 5, Runs: 1, Width: 100, Height: 100)));
        Assert.That(options.Mix.ToString(), Is.EqualTo("walk=1"));
        Assert.That((options.UsersPrefix, options.RampUp, options.Processes, options.JsonPath), Is.EqualTo(("bot", 5.0, 1, (string?)null)));
        Assert.That(options.Subscription, Is.EqualTo("whole world"));
    }

    [Test]
    public void Every_option_is_read()
    {
        var options = Read(
            "--url", "ws://192.0.2.1:5000/ws", "--allow-host", "192.0.2.1", "--server-pid", "42", "--count", "500", "--rate", "5",
            "--radius", "10.5", "--seconds", "3", "--warmup", "0", "--runs", "3", "--world", "50x20", "--mix", "walk=3,idle=1",
            "--users-prefix", "load", "--ramp-up", "2.5", "--processes", "2", "--json", "out.json", "--now-and-then", "1.5");

        Assert.That(options with { Mix = BehaviourMix.WalkOnly, JsonPath = null }, Is.EqualTo(new BotsOptions(
            new Uri("ws://192.0.2.1:5000/ws"), SpawnServer: false, ServerPids: 42, Count: 500, Rate: 5, Radius: 10.5, Seconds: 3, Warmup: 0, Runs: 3, Width: 50, Height: 20)
        {
            AllowHost = "192.0.2.1", UsersPrefix = "load", RampUp = 2.5, Processes = 2, NowAndThen = 1.5,
        }));
        Assert.That(options.Mix.ToString(), Is.EqualTo("walk=3,idle=1"));
        Assert.That(options.JsonPath, Does.EndWith("out.json"));
        Assert.That(options.Subscription, Is.EqualTo("radius 10.5"));
    }

    [TestCase("", "--url or --spawn-server", TestName = "No server")]
    [TestCase("--spawn-server --url ws://127.0.0.1:5000/ws", "not both", TestName = "Two servers")]
    [TestCase("--spawn-server --server-pid 42", "--server-pid", TestName = "A pid for a server the bots start")]
    [TestCase("--url ws://192.0.2.1:5000/ws", "--allow-host 192.0.2.1", TestName = "A server on another machine, not named twice")]
    [TestCase("--url ws://192.0.2.1:5000/ws --allow-host 192.0.2.2", "--allow-host 192.0.2.1", TestName = "Another machine than the one named")]
    [TestCase("--url http://127.0.0.1:5000/ws", "--url", TestName = "Not a WebSocket URL")]
    [TestCase("--spawn-server --count 0", "--count", TestName = "No bots")]
    [TestCase("--spawn-server --count many", "--count", TestName = "A count that is not a number")]
    [TestCase("--spawn-server --radius -1", "--radius", TestName = "A negative radius")]
    [TestCase("--spawn-server --radius NaN", "--radius", TestName = "A radius that is not a number")]
    [TestCase("--spawn-server --world 1x100", "--world", TestName = "A world too narrow to turn back in")]
    [TestCase("--spawn-server --world 100", "--world", TestName = "A world without a height")]
    [TestCase("--spawn-server --mix walk=1,fly=1", "--mix", TestName = "An unknown behaviour")]
    [TestCase("--spawn-server --users-prefix a/b", "--users-prefix", TestName = "A prefix that makes no username")]
    [TestCase("--spawn-server --ramp-up -1", "--ramp-up", TestName = "A negative ramp-up")]
    [TestCase("--spawn-server --count 2 --processes 3", "--processes", TestName = "More processes than bots")]
    [TestCase("--spawn-server --processes 17", "--processes", TestName = "Too many processes")]
    [TestCase("--spawn-server --seconds 0", "--seconds", TestName = "No window")]
    [TestCase("--url ws://127.0.0.1:5000/ws,http://127.0.0.1:5001/ws", "--url", TestName = "A second URL that is not a WebSocket URL")]
    [TestCase("--url ws://127.0.0.1:5000/ws --url nonsense", "--url", TestName = "A repeated --url that is not a URL")]
    [TestCase("--url ws://127.0.0.1:5000/ws,ws://127.0.0.1:5000/ws", "--url", TestName = "The same node twice")]
    [TestCase("--url ws://127.0.0.1:5000/ws,ws://192.0.2.1:5000/ws", "--allow-host 192.0.2.1", TestName = "A second node on another machine, not named twice")]
    [TestCase("--url ws://127.0.0.1:5000/ws,ws://127.0.0.1:5001/ws --server-pid 42", "--server-pid", TestName = "Fewer PIDs than nodes")]
    [TestCase("--url ws://127.0.0.1:5000/ws --server-pid 42,x", "--server-pid", TestName = "A PID that is not a number")]
    [TestCase("--url ws://127.0.0.1:5000/ws --nodes 2", "--nodes", TestName = "Nodes to start with nodes already running")]
    [TestCase("--url ws://127.0.0.1:5000/ws --redis 127.0.0.1:6379", "--redis", TestName = "A Redis for nodes already running")]
    [TestCase("--spawn-server --nodes 3 --postgres Host=x", "--redis", TestName = "A cluster without Redis")]
    [TestCase("--spawn-server --nodes 3 --redis 127.0.0.1:6379", "--postgres", TestName = "A cluster without PostgreSQL")]
    [TestCase("--spawn-server --redis 127.0.0.1:6379", "--postgres", TestName = "Redis without PostgreSQL")]
    [TestCase("--spawn-server --nodes 17", "--nodes", TestName = "Too many nodes")]
    public void Bad_arguments_are_refused_with_a_message_naming_the_option(string commandLine, string named)
    {
        var parse = Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.That(parse.Errors, Is.Not.Empty);
        Assert.That(parse.Errors.Select(e => e.Message), Has.Some.Contains(named));
    }

    [Test]
    public async Task A_bad_value_exits_with_2_and_help_with_0()
    {
        Assert.That(await BotsCommand.RunAsync(["--spawn-server", "--count", "0"]), Is.EqualTo(2));
        Assert.That(await BotsCommand.RunAsync(["--bogus"]), Is.EqualTo(2));
        Assert.That(await BotsCommand.RunAsync(["--help"]), Is.Zero);
    }

    [Test]
    public void A_child_process_gets_the_same_options_and_its_share()
    {
        var parent = Read("--spawn-server", "--count", "10", "--mix", "walk=1,hunt=1", "--radius", "7.5", "--world", "40x30", "--users-prefix", "p", "--now-and-then", "2");
        var share = parent with { Count = 5, FirstBot = 5, SpawnServer = false, Urls = new Uri("ws://127.0.0.1:5000/ws") };

        var child = Read([.. BotWorkers.Arguments(share, share.Urls!, "out.json").Skip(1)]);

        Assert.That(child with { Mix = share.Mix, WorkerOutput = null }, Is.EqualTo(share));
        Assert.That(child.Mix.ToString(), Is.EqualTo(share.Mix.ToString()));
        Assert.That(child.WorkerOutput, Is.EqualTo("out.json"));
    }

    [Test]
    public void Several_urls_are_read_in_order_whether_comma_separated_or_repeated()
    {
        var options = Read("--url", "ws://127.0.0.1:5000/ws,ws://127.0.0.1:5001/ws", "--url", "ws://127.0.0.1:5002/ws", "--server-pid", "10,11", "--server-pid", "12");

        Assert.That(options.Urls, Is.EqualTo(new[] { "ws://127.0.0.1:5000/ws", "ws://127.0.0.1:5001/ws", "ws://127.0.0.1:5002/ws" }.Select(u => new Uri(u))));
        Assert.That(options.ServerPids, Is.EqualTo(new[] { 10, 11, 12 }));
    }

    [Test]
    public void One_url_is_read_as_before()
    {
        var options = Read("--url", "ws://127.0.0.1:5000/ws", "--server-pid", "42");

        Assert.That(options, Is.EqualTo(new BotsOptions(new Uri("ws://127.0.0.1:5000/ws"), ServerPids: 42) with { Mix = options.Mix }));
        Assert.That(options.Urls!, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_cluster_to_start_is_read()
    {
        var options = Read("--spawn-server", "--nodes", "3", "--redis", "127.0.0.1:6390", "--postgres", "Host=127.0.0.1;Database=game");

        Assert.That((options.Nodes, options.Redis, options.Postgres), Is.EqualTo((3, "127.0.0.1:6390", "Host=127.0.0.1;Database=game")));
    }

    [Test]
    public void A_started_node_gets_the_cluster_settings_with_its_own_id()
    {
        var options = new BotsOptions(SpawnServer: true, Width: 50, Height: 40) { Nodes = 3, Redis = "127.0.0.1:6390", Postgres = "Host=h" };

        var settings = SpawnedCluster.Settings(2, "bots-run", options).ToList();

        Assert.That(settings, Is.SupersetOf(new[]
        {
            "--Storage:Provider=Postgres", "--Storage:ConnectionString=Host=h", "--Cluster:Redis=127.0.0.1:6390", "--Cluster:Name=bots-run",
            "--Cluster:NodeId=node-2", "--World:Width=50", "--World:Height=40",
        }));
        Assert.That(SpawnedCluster.Settings(0, "bots-run", options with { Redis = null }), Has.None.StartsWith("--Cluster:"), "one node on PostgreSQL, no cluster");
    }

    [Test]
    public void The_bots_spread_evenly_over_the_nodes_across_processes()
    {
        // 300 bots over 3 nodes, as two processes of 150 (first bots 0 and 150) would number them.
        var perNode = Enumerable.Range(0, 300).GroupBy(bot => BotsOptions.NodeOf(bot, 3)).ToDictionary(g => g.Key, g => g.Count());

        Assert.That(perNode, Is.EqualTo(new Dictionary<int, int> { [0] = 100, [1] = 100, [2] = 100 }));
        Assert.That(Enumerable.Range(0, 7).Select(bot => BotsOptions.NodeOf(bot, 1)), Has.All.Zero, "one node takes every bot");
    }

    [Test]
    public void A_child_process_gets_every_node()
    {
        var urls = new ValueList<Uri>([new Uri("ws://127.0.0.1:5000/ws"), new Uri("ws://127.0.0.1:5001/ws")]);
        var share = new BotsOptions(urls, Count: 3) { FirstBot = 3 };

        var child = Read([.. BotWorkers.Arguments(share, urls, "out.json").Skip(1)]);

        Assert.That((child.Urls, child.FirstBot), Is.EqualTo((urls, 3)));
    }

    private static ParseResult Parse(params string[] args) => new RootCommand { BotsCommand.Create() }.Parse([BotsCommand.Name, .. args]);

    private static BotsOptions Read(params string[] args)
    {
        var line = new BotsCommandLine();
        var command = new Command(BotsCommand.Name);
        foreach (var option in line.All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(line.Validate);
        var parse = new RootCommand { command }.Parse([BotsCommand.Name, .. args]);
        Assert.That(parse.Errors, Is.Empty, string.Join("; ", parse.Errors.Select(e => e.Message)));
        return line.Read(parse);
    }
}
