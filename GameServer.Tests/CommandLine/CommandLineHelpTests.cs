using System.CommandLine;
using System.CommandLine.Help;
using GameServer.CommandLine;

namespace GameServer.Tests.CommandLine;

/// <summary>Every command and subcommand answers --help and -h with exit code 0, listing each of its options with its default.</summary>
[Category("Unit")]
public sealed class CommandLineHelpTests
{
    /// <summary>Each command of the executable and the options its help must list, by name.</summary>
    private static readonly (string Path, string[] Options)[] Commands =
    [
        ("", []),
        ("serve", []),
        ("createsuperuser", ["--username"]),
        ("storage", []),
        ("storage backup", ["--to", "--force"]),
        ("storage copy", ["--from", "--to", "--force"]),
        ("bench", ["--connections", "--seconds", "--runs", "--warmup"]),
        ("bench ping", ["--connections", "--seconds", "--runs", "--warmup"]),
        ("bench gifts", ["--users", "--runs", "--clients", "--warmup", "--idle", "--pause", "--pace-ms", "--postgres"]),
        ("bench monsters", ["--monsters", "--players", "--seconds", "--runs", "--subscribers", "--radius"]),
        ("bench monster-subscribers", ["--url", "--count", "--radius", "--seconds"]),
        ("bench saves", ["--players", "--seconds", "--runs", "--postgres"]),
        ("bench attacks", ["--seconds", "--victims", "--radius", "--connections", "--server"]),
        ("bench soak", ["--bots", "--minutes", "--rate", "--radius", "--sample"]),
        ("bench idle", ["--connections", "--users", "--settle", "--idle", "--runs"]),
        ("bench micro", ["--filter", "--job"]),
        ("bots", ["--url", "--allow-host", "--spawn-server", "--nodes", "--redis", "--postgres", "--server-pid", "--count", "--mix", "--rate", "--now-and-then", "--radius", "--seconds", "--warmup", "--ramp-up", "--runs", "--world", "--users-prefix", "--processes", "--compact", "--notify-moves", "--json"]),
        ("echo", []),
        ("gift-bench-server", ["--users"]),
    ];

    private static IEnumerable<TestCaseData> CommandPaths() =>
        Commands.Select(c => new TestCaseData(c.Path, c.Options).SetArgDisplayNames(c.Path.Length == 0 ? "GameServer" : $"GameServer {c.Path}"));

    [TestCaseSource(nameof(CommandPaths))]
    public async Task Help_exits_0_and_lists_every_option_with_its_default(string path, string[] expectedOptions)
    {
        var command = Find(path);
        foreach (var help in new[] { "--help", "-h" })
        {
            var (exitCode, output, error) = await InvokeAsync([.. Words(path), help]);

            Assert.That(exitCode, Is.Zero, $"{path} {help}: {error}");
            Assert.That(error, Is.Empty);
            Assert.That(output, Does.Contain("Usage:"));
            foreach (var name in expectedOptions)
            {
                Assert.That(output, Does.Contain(name), $"{path} {help} lists {name}");
            }

            foreach (var option in command.Options.Where(o => !o.Hidden && o is not HelpOption and not VersionOption))
            {
                Assert.That(expectedOptions, Does.Contain(option.Name), $"{path} has an option this test does not know");
                // A flag is off unless given; help shows no default for it.
                if (option.HasDefaultValue && option.ValueType != typeof(bool))
                {
                    Assert.That(output, Does.Contain($"[default: {option.GetDefaultValue()}]"), $"{path} {help} shows the default of {option.Name}");
                }
            }

            if (command.TakesConfiguration())
            {
                Assert.That(output, Does.Contain("--Storage:Path").And.Contain("[default: data/game.db]"), "the configuration keys and their defaults");
            }
        }
    }

    [Test]
    public void The_list_above_holds_every_command()
    {
        var all = new List<string>();
        Collect(Program.CreateCommandLine(), "", all);

        Assert.That(all, Is.EquivalentTo(Commands.Select(c => c.Path)));
    }

    [Test]
    public async Task Defaults_read_as_they_are_typed()
    {
        var (_, output, _) = await InvokeAsync(["bench", "monsters", "--help"]);

        Assert.That(output, Does.Contain("[default: 2500,5000,10000,20000]"));
        Assert.That(output, Does.Contain("[default: 200]"));
    }

    internal static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CommandLineRunner.InvokeAsync(Program.CreateCommandLine(), args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Words(string path) => path.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Command Find(string path) =>
        Words(path).Aggregate((Command)Program.CreateCommandLine(), (command, name) => command.Subcommands.Single(c => c.Name == name));

    private static void Collect(Command command, string path, List<string> paths)
    {
        paths.Add(path);
        foreach (var subcommand in command.Subcommands)
        {
            Collect(subcommand, path.Length == 0 ? subcommand.Name : $"{path} {subcommand.Name}", paths);
        }
    }
}
