using GameServer.CommandLine;
using GameServer.Tests.Support;

namespace GameServer.Tests.CommandLine;

/// <summary>Configuration keys on the command line reach the host as .NET users expect, in both forms, with or without <c>serve</c>.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class ConfigurationPassThroughTests
{
    [TestCase("")]
    [TestCase("serve")]
    public async Task Both_forms_of_a_key_reach_the_host_configuration(string command)
    {
        using var directory = new TempDirectory();
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            $"--Storage:Path={directory.File("game.db")}", "--urls", "http://127.0.0.1:0", "--Limits:MaxConnections", "10", "World:Width=50"];

        var parseResult = Program.CreateCommandLine().Parse(args);
        await using var app = Program.Build(ConfigurationArguments.Of(parseResult));

        Assert.That(parseResult.Errors, Is.Empty);
        Assert.That(app.Configuration["Storage:Path"], Is.EqualTo(directory.File("game.db")));
        Assert.That(app.Configuration["urls"], Is.EqualTo("http://127.0.0.1:0"));
        Assert.That(app.Configuration["Limits:MaxConnections"], Is.EqualTo("10"));
        Assert.That(app.Configuration["World:Width"], Is.EqualTo("50"));
    }

    [TestCase("", "--World:GridCellSize=0")]
    [TestCase("serve", "--World:GridCellSize=0")]
    [TestCase("serve", "--World:GridCellSize 0")]
    public async Task Main_hands_the_keys_to_the_server_it_starts(string command, string setting)
    {
        using var directory = new TempDirectory();
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            "--urls", "http://127.0.0.1:0", $"--Storage:Path={directory.File("game.db")}", .. setting.Split(' ')];

        // A grid cell of 0 stops the server with exit code 2 before it listens; a key lost on the way would let it serve.
        var main = Program.Main(args);
        var finished = await Task.WhenAny(main, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.That(finished, Is.SameAs(main), "the server refused the setting");
        Assert.That(await main, Is.EqualTo(2));
    }
}
