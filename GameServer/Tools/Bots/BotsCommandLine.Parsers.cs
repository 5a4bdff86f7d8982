using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GameServer.Tools.Bots;

// The parsers of the options' values: a bad value adds one error naming its option.
internal sealed partial class BotsCommandLine
{
    private static Option<T> Validated<T>(Option<T> option, Func<T?, bool> isValid, string error)
    {
        option.Validators.Add(r =>
        {
            if (!isValid(r.GetValueOrDefault<T>()))
            {
                r.AddError(error);
            }
        });
        return option;
    }

    // Every token of every --url, each split at commas: "--url a,b --url c" names three nodes.
    private static ValueList<Uri>? ParseUrls(ArgumentResult result)
    {
        var urls = new List<Uri>();
        foreach (var text in Items(result))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
            {
                result.AddError($"--url must be a WebSocket URL such as ws://127.0.0.1:5000/ws, not {text}");
                return null;
            }

            if (urls.Contains(url))
            {
                // Two bots' shares on one node would spread them unevenly without saying so.
                result.AddError($"--url names {url} twice");
                return null;
            }

            urls.Add(url);
        }

        return urls.Count is > 0 and <= MaxNodes ? new ValueList<Uri>(urls) : Refused<Uri>(result, $"--url takes 1 to {MaxNodes} URLs, not {urls.Count}");
    }

    private static ValueList<int>? ParsePids(ArgumentResult result)
    {
        var pids = new List<int>();
        foreach (var text in Items(result))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
            {
                return Refused<int>(result, $"--server-pid must be a process id (a whole number above 0), not {text}");
            }

            pids.Add(pid);
        }

        return new ValueList<int>(pids);
    }

    private static IEnumerable<string> Items(ArgumentResult result) =>
        result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static ValueList<T>? Refused<T>(ArgumentResult result, string error)
    {
        result.AddError(error);
        return null;
    }

    private static BehaviourMix ParseMix(ArgumentResult result)
    {
        var mix = BehaviourMix.Parse(result.Tokens[0].Value, out var error);
        if (mix is null)
        {
            result.AddError($"--mix: {error}");
        }

        return mix ?? BehaviourMix.WalkOnly;
    }

    private static double? ParsePositive(ArgumentResult result, string name)
    {
        var text = result.Tokens[0].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
        {
            result.AddError($"{name} must be a number above 0, not {text}");
            return null;
        }

        return value;
    }

    private static double ParseRange(ArgumentResult result, string name, double min, double max)
    {
        var text = result.Tokens[0].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be {min} to {max}, not {text}"));
        }

        return value;
    }

    private static WorldSize ParseWorld(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        var parts = text.Split('x');

        // At least 2 wide, so that a step that turns back at a wall always lands inside.
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var width) && double.IsFinite(width) && width >= 2
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var height) && double.IsFinite(height) && height >= 2)
        {
            return new WorldSize(width, height);
        }

        result.AddError($"--world must be WIDTHxHEIGHT, each at least 2, such as 100x100, not {text}");
        return default;
    }
}
