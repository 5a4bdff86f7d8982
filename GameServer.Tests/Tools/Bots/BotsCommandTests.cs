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
            new Uri("ws://192.0.2.1:5000/ws"), SpawnServer: false, ServerPid: 42, Count: 500, Rate: 5, Radius: 10.5, Seconds: 3, Warmup: 0, Runs: 3, Width: 50, Height: 20)
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
        var share = parent with { Count = 5, FirstBot = 5, SpawnServer = false, Url = new Uri("ws://127.0.0.1:5000/ws") };

        var child = Read([.. BotWorkers.Arguments(share, share.Url!, "out.json").Skip(1)]);

        Assert.That(child with { Mix = share.Mix, WorkerOutput = null }, Is.EqualTo(share));
        Assert.That(child.Mix.ToString(), Is.EqualTo(share.Mix.ToString()));
        Assert.That(child.WorkerOutput, Is.EqualTo("out.json"));
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
