using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace GameServer.CommandLine;

/// <summary>
/// Adds to the help of every command that takes configuration keys the keys themselves with their
/// defaults, read from the appsettings.json next to the executable, so the list is never out of date.
/// </summary>
internal sealed class ConfigurationHelp(CommandLineAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    /// <summary>Wraps the help of <paramref name="root"/> (which every subcommand inherits).</summary>
    public static void AddTo(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        if (option.Action is { } help && help is not ConfigurationHelp)
        {
            option.Action = new ConfigurationHelp(help);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = help is SynchronousCommandLineAction synchronous ? synchronous.Invoke(parseResult) : 0;
        if (parseResult.CommandResult.Command.TakesConfiguration())
        {
            Write(parseResult.InvocationConfiguration.Output);
        }

        return exitCode;
    }

    private static void Write(TextWriter output)
    {
        var defaults = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .Build()
            .AsEnumerable()
            .Where(pair => pair.Value is not null)
            .OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .Select(pair => (Key: $"--{pair.Key}", pair.Value))
            .ToList();
        output.WriteLine("Configuration (any key below, as --Key=value or --Key value; defaults from appsettings.json):");
        var width = defaults.Count == 0 ? 0 : defaults.Max(pair => pair.Key.Length);
        foreach (var (key, value) in defaults)
        {
            output.WriteLine($"  {key.PadRight(width)}  [default: {value}]");
        }

        output.WriteLine();
    }
}
