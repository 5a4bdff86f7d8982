using System.CommandLine;
using System.CommandLine.Invocation;

namespace GameServer.CommandLine;

/// <summary>
/// Runs the executable's command line the way an operator expects: <c>--help</c> answers on standard
/// output with exit code 0; a bad value is one line on standard error naming the option, exit code 2
/// (System.CommandLine would print the whole help after it, burying the line that matters).
/// </summary>
public static class CommandLineRunner
{
    /// <summary>The exit code of a command line that cannot run: a bad value, an unknown option or command.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs what they ask for. Returns the exit code.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        error ??= Console.Error;
        var parseResult = root.Parse(args);
        var problem = parseResult.Action is ParseErrorAction
            ? string.Join("; ", parseResult.Errors.Select(e => e.Message).Distinct())
            : ConfigurationArguments.FindStray(parseResult);
        if (problem is not null)
        {
            await error.WriteLineAsync(problem);
            return UsageError;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error,
            // The server and the measuring commands handle Ctrl+C and SIGTERM themselves, shutting down
            // in order (saves, child processes, temp files); a 2-second cut-off of our own would end that.
            ProcessTerminationTimeout = null,
        });
    }
}
