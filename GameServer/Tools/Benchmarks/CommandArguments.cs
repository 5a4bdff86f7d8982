using System.Globalization;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// The <c>--name value</c> arguments of the old bots parser, the last one left: the other commands read
/// theirs with System.CommandLine. Deleted at merge, with the parser, by BotsCommand.Create() (branch i11-bots).
/// </summary>
internal static class CommandArguments
{
    /// <summary>
    /// Applies the arguments in order to <paramref name="options"/>: <paramref name="apply"/> answers
    /// the options with one argument taken in, or null for an argument it does not know or a bad
    /// value. A name in <paramref name="flags"/> takes no value.
    /// </summary>
    public static bool TryParse<T>(string[] args, ref T options, Func<string, string?, T, T?> apply, out string error, params string[] flags)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(apply);
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var isFlag = flags.Contains(args[i]);
            var value = !isFlag && i + 1 < args.Length ? args[i + 1] : null;
            var parsed = apply(args[i], value, options);
            if (parsed is null)
            {
                error = $"bad argument: {args[i]} {value}".TrimEnd();
                return false;
            }

            options = parsed;
            i += isFlag ? 0 : 1;
        }

        return true;
    }

    public static bool TryParseInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
