using GameServer.Tools.Bots;

namespace GameServer.Tests.Tools.Bots;

[Category("Unit")]
public sealed class BotsCommandTests
{
    [Test]
    public void The_defaults_are_the_first_scenario_of_the_issue()
    {
        Assert.That(BotsCommand.TryParse(["--spawn-server"], out var options, out var error), Is.True, error);

        Assert.That(options, Is.EqualTo(new BotsOptions(SpawnServer: true, Count: 200, Rate: 10, Radius: null, Seconds: 20, Warmup: 5, Runs: 1, Width: 100, Height: 100)));
        Assert.That(options.Subscription, Is.EqualTo("whole world"));
    }

    [Test]
    public void Every_option_is_read()
    {
        string[] args =
        [
            "--url", "ws://127.0.0.1:5000/ws", "--server-pid", "42", "--count", "500", "--rate", "5",
            "--radius", "10.5", "--seconds", "3", "--warmup", "0", "--runs", "3", "--world", "50x20",
        ];

        Assert.That(BotsCommand.TryParse(args, out var options, out var error), Is.True, error);

        Assert.That(options, Is.EqualTo(new BotsOptions(
            new Uri("ws://127.0.0.1:5000/ws"), SpawnServer: false, ServerPid: 42, Count: 500, Rate: 5, Radius: 10.5, Seconds: 3, Warmup: 0, Runs: 3, Width: 50, Height: 20)));
        Assert.That(options.Subscription, Is.EqualTo("radius 10.5"));
    }

    [TestCase("", TestName = "No server")]
    [TestCase("--spawn-server --url ws://127.0.0.1:5000/ws", TestName = "Two servers")]
    [TestCase("--spawn-server --server-pid 42", TestName = "A pid for a server the bots start")]
    [TestCase("--url ws://192.0.2.1:5000/ws", TestName = "A server on another machine")]
    [TestCase("--url http://127.0.0.1:5000/ws", TestName = "Not a WebSocket URL")]
    [TestCase("--spawn-server --count 0", TestName = "No bots")]
    [TestCase("--spawn-server --radius -1", TestName = "A negative radius")]
    [TestCase("--spawn-server --radius NaN", TestName = "A radius that is not a number")]
    [TestCase("--spawn-server --world 1x100", TestName = "A world too narrow to turn back in")]
    [TestCase("--spawn-server --world 100", TestName = "A world without a height")]
    [TestCase("--spawn-server --seconds", TestName = "An option without its value")]
    [TestCase("--spawn-server --bogus 1", TestName = "An unknown option")]
    public void Bad_arguments_are_refused(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(BotsCommand.TryParse(args, out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }
}
