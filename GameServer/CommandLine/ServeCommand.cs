using System.CommandLine;

namespace GameServer.CommandLine;

/// <summary>
/// <c>GameServer [serve] [--Section:Key=value ...]</c>: the root command, which serves by default, and
/// <c>serve</c>, which says so; both hand their configuration keys to the host.
/// </summary>
public static class ServeCommand
{
    public const string Name = "serve";

    private const string Description =
        "Serves the game (web client at /, WebSocket at /ws) until Ctrl+C or SIGTERM. Any key of appsettings.json " +
        "can be given as --Section:Key=value or --Section:Key value (or as GAMESERVER__Section__Key in the environment). " +
        "Exit codes: 2 a bad setting, 3 a database the server must not run with.";

    /// <summary>
    /// The root command, serving with <paramref name="serve"/> (given the host's arguments) when no
    /// other command is named, and with a <c>serve</c> subcommand that does the same.
    /// </summary>
    public static RootCommand CreateRoot(Func<string[], CancellationToken, Task<int>> serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        var root = new RootCommand($"GameServer, a self-hosted realtime game backend. {Description}").TakingConfiguration();
        root.SetAction((parseResult, cancellationToken) => serve(ConfigurationArguments.Of(parseResult), cancellationToken));
        var command = new Command(Name, Description).TakingConfiguration();
        command.SetAction((parseResult, cancellationToken) => serve(ConfigurationArguments.Of(parseResult), cancellationToken));
        root.Add(command);
        ConfigurationHelp.AddTo(root);
        return root;
    }
}
