using System.CommandLine;
using System.Runtime.CompilerServices;

namespace GameServer.CommandLine;

/// <summary>
/// Configuration keys on the command line, as .NET users expect of a host: <c>--Storage:Path=x.db</c>,
/// <c>--urls http://127.0.0.1:5000</c>, <c>Key=value</c>. A command that takes them leaves the tokens it
/// does not know to the host's command-line configuration provider, which reads them as those forms.
/// </summary>
public static class ConfigurationArguments
{
    private static readonly ConditionalWeakTable<Command, object> Takers = [];

    /// <summary>Lets <paramref name="command"/> take configuration keys after its own options.</summary>
    public static T TakingConfiguration<T>(this T command)
        where T : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        command.TreatUnmatchedTokensAsErrors = false;
        Takers.AddOrUpdate(command, Takers);
        return command;
    }

    /// <summary>Whether <paramref name="command"/> takes configuration keys.</summary>
    public static bool TakesConfiguration(this Command command) => Takers.TryGetValue(command, out _);

    /// <summary>The configuration keys of the command line, in order, as the host's arguments.</summary>
    public static string[] Of(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return [.. parseResult.UnmatchedTokens];
    }

    /// <summary>
    /// The first token the command cannot take: for a command that takes no configuration keys, any
    /// token it does not know; for one that does, the first token the configuration provider would silently drop (a word that is neither a command
    /// nor a key, such as a misspelt command, or a key without its value), described in one line; null if none.
    /// </summary>
    public static string? FindStray(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = parseResult.CommandResult.Command;
        var tokens = parseResult.UnmatchedTokens;
        if (!command.TakesConfiguration())
        {
            // System.CommandLine reads TreatUnmatchedTokensAsErrors off the root only, which takes configuration keys.
            return command.TreatUnmatchedTokensAsErrors && tokens.Count > 0 ? $"Unrecognized command or argument '{tokens[0]}'." : null;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Contains('=', StringComparison.Ordinal) && !token.StartsWith('='))
            {
                continue;
            }

            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                return $"Unrecognized command or argument '{token}' (configuration keys go as --Section:Key=value or --Section:Key value).";
            }

            if (i + 1 == tokens.Count)
            {
                return $"Configuration key '{token}' has no value.";
            }

            i++;
        }

        return null;
    }
}
