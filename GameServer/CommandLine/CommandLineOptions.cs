using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GameServer.CommandLine;

/// <summary>
/// Typed options with their bounds, read one way by every command: a value out of bounds or not a
/// number is refused with one line that names the option and says what it takes.
/// </summary>
public static class CommandLineOptions
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Int(string name, int defaultValue, int min, int max, string description) => new(name)
    {
        Description = $"{description} ({Range(min, max)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => TryInt(result.Tokens[0].Value, min, max, out var value)
            ? value
            : Refuse(result, name, result.Tokens[0].Value, $"a whole number from {Range(min, max)}", 0),
    };

    /// <summary>A comma-separated list of 1 to 10 whole numbers, each from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<IntList> IntList(string name, int[] defaultValue, int min, int max, string description) => new(name)
    {
        Description = $"{description} (comma-separated, each {Range(min, max)})",
        DefaultValueFactory = _ => new IntList(defaultValue),
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var values = new int[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!TryInt(parts[i], min, max, out values[i]))
                {
                    return Refuse(result, name, text, $"1 to 10 comma-separated whole numbers, each from {Range(min, max)}", new IntList([]));
                }
            }

            return values.Length is > 0 and <= 10
                ? new IntList(values)
                : Refuse(result, name, text, $"1 to 10 comma-separated whole numbers, each from {Range(min, max)}", new IntList([]));
        },
    };

    /// <summary>A finite number above zero.</summary>
    public static Option<double> PositiveDouble(string name, double defaultValue, string description) => new(name)
    {
        Description = $"{description} (above 0)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
            double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0
                ? value
                : Refuse(result, name, result.Tokens[0].Value, "a number above 0", 0.0),
    };

    /// <summary>One of a few words, such as a job's name.</summary>
    public static Option<string> OneOf(string name, string defaultValue, string[] words, string description) => new(name)
    {
        Description = $"{description} ({string.Join(" or ", words)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => words.Contains(result.Tokens[0].Value, StringComparer.Ordinal)
            ? result.Tokens[0].Value
            : Refuse(result, name, result.Tokens[0].Value, string.Join(" or ", words), defaultValue),
    };

    /// <summary>The full path of a file that exists, or null when the option is left out.</summary>
    public static Option<string?> ExistingFile(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => File.Exists(result.Tokens[0].Value)
            ? Path.GetFullPath(result.Tokens[0].Value)
            : Refuse<string?>(result, name, result.Tokens[0].Value, "an existing file", null),
    };

    private static T Refuse<T>(ArgumentResult result, string name, string value, string expected, T placeholder)
    {
        result.AddError($"Option '{name}' takes {expected}, not '{value}'.");
        return placeholder;
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static string Range(int min, int max) => string.Create(CultureInfo.InvariantCulture, $"{min} to {max}");
}

/// <summary>The values of a list option; shown in help as it is typed, <c>50,200</c>.</summary>
public sealed record IntList(int[] Values)
{
    public override string ToString() => string.Join(',', Values);
}
