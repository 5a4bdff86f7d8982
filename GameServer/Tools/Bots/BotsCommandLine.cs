using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using GameServer.CommandLine;

namespace GameServer.Tools.Bots;

/// <summary>
/// The options of <c>GameServer bots</c>, typed and validated: a bad value fails the parse with one
/// message naming the option; <see cref="Read"/> turns a good parse into <see cref="BotsOptions"/>.
/// </summary>
internal sealed partial class BotsCommandLine
{
    private static readonly BotsOptions Defaults = new();

    public Option<Uri?> Url { get; } = new("--url")
    {
        Description = "A running server's WebSocket endpoint, ws://127.0.0.1:PORT/ws. Another host than loopback needs --allow-host too",
        CustomParser = ParseUrl,
    };

    public Option<string?> AllowHost { get; } = new("--allow-host")
    {
        Description = "Let the bots load a server that is not on this machine: the host of --url, named a second time on purpose",
    };

    public Option<bool> SpawnServer { get; } = new("--spawn-server")
    {
        Description = "Start GameServer as a child process on a free 127.0.0.1 port with a temp database, once per run, and read its CPU",
    };

    public Option<int?> ServerPid { get; } = new("--server-pid") { Description = "With --url: the server's process, so that its CPU is read from /proc" };

    public Option<int> Count { get; } = CommandLineOptions.Int("--count", Defaults.Count, 1, 5000, "Bots, each on its own connection and its own user");

    public Option<BehaviourMix> Mix { get; } = new("--mix")
    {
        Description = "Behaviours by weight: walk, chat, hunt, shop, idle (e.g. walk=6,chat=1,hunt=2,shop=1,idle=0)",
        DefaultValueFactory = _ => Defaults.Mix,
        CustomParser = ParseMix,
    };

    public Option<int> Rate { get; } = CommandLineOptions.Int("--rate", Defaults.Rate, 1, 100, "Moves per second of a walking or hunting bot");

    public Option<double?> Radius { get; } = new("--radius")
    {
        Description = "Subscribe to the players within this radius (whole world when left out)",
        CustomParser = r => ParsePositive(r, "--radius"),
    };

    public Option<double> NowAndThen { get; } = new("--now-and-then")
    {
        Description = "Seconds between a chatter's messages, and between a shopper's reads, on average (within ±50%)",
        DefaultValueFactory = _ => Defaults.NowAndThen,
        CustomParser = r => ParseRange(r, "--now-and-then", 0.5, 3600),
    };

    public Option<int> Seconds { get; } = CommandLineOptions.Int("--seconds", Defaults.Seconds, 1, 6 * 3600, "Measured window, in seconds");

    public Option<int> Warmup { get; } = CommandLineOptions.Int("--warmup", Defaults.Warmup, 0, 600, "Seconds of acting after every bot has joined, before the window opens");

    public Option<double> RampUp { get; } = new("--ramp-up")
    {
        Description = "Seconds over which the bots' first connections spread",
        DefaultValueFactory = _ => Defaults.RampUp,
        CustomParser = r => ParseRange(r, "--ramp-up", 0, 3600),
    };

    public Option<int> Runs { get; } = CommandLineOptions.Int("--runs", Defaults.Runs, 1, 21, "Repeat the run; with more than one, a table of medians follows");

    public Option<WorldSize> World { get; } = new("--world")
    {
        Description = "WIDTHxHEIGHT where the bots turn back; with --spawn-server, the server's world too",
        DefaultValueFactory = _ => new WorldSize(Defaults.Width, Defaults.Height),
        CustomParser = ParseWorld,
    };

    public Option<string> UsersPrefix { get; } = Validated(
        new Option<string>("--users-prefix")
        {
            Description = "Bot n is the user PREFIX_n: logged in when it exists, registered when not, so later runs reuse the users",
            DefaultValueFactory = _ => Defaults.UsersPrefix,
        },
        value => UsernamePrefix().IsMatch(value ?? ""),
        "--users-prefix must be 1 to 20 characters of A-Z, a-z, 0-9, _ . -");

    public Option<int> Processes { get; } = CommandLineOptions.Int("--processes", Defaults.Processes, 1, 16, "Spread the bots over this many child processes and merge their histograms");

    public Option<bool> Compact { get; } = new("--compact")
    {
        Description = "Subscribe with compact: true, so that moves arrive as [id, x, y] with positions to 2 decimals",
    };

    public Option<bool> NotifyMoves { get; } = new("--notify-moves")
    {
        Description = "Send moves as JSON-RPC notifications (no id, no answer), the way to move at rate",
    };

    public Option<FileInfo?> Json { get; } = new("--json") { Description = "Also write the results as JSON to this file" };

    /// <summary>Set by the parent of <c>--processes</c> for each child: the number of its first bot.</summary>
    public Option<int> FirstBot { get; } = Validated(
        new Option<int>("--first-bot") { Hidden = true, DefaultValueFactory = _ => 0 },
        value => value >= 0,
        "--first-bot must be 0 or more");

    /// <summary>Set by the parent of <c>--processes</c>: makes this process a child that writes its result to the file.</summary>
    public Option<string?> WorkerOutput { get; } = new("--worker-output") { Hidden = true };

    public IEnumerable<Option> All =>
        [Url, AllowHost, SpawnServer, ServerPid, Count, Mix, Rate, NowAndThen, Radius, Seconds, Warmup, RampUp, Runs, World, UsersPrefix, Processes, Compact, NotifyMoves, Json, FirstBot, WorkerOutput];

    /// <summary>The checks that concern several options at once; one message each.</summary>
    public void Validate(CommandResult result)
    {
        try
        {
            ValidateTogether(result);
        }
        catch (InvalidOperationException)
        {
            // An option with a bad value of its own throws when read: its own message says what is wrong.
        }
    }

    private void ValidateTogether(CommandResult result)
    {
        var url = result.GetValue(Url);
        var spawn = result.GetValue(SpawnServer);
        var error = (url, spawn) switch
        {
            (null, false) => "give --url or --spawn-server",
            (not null, true) => "give --url or --spawn-server, not both",
            (null, true) when result.GetValue(ServerPid) is not null => "--server-pid is for --url; with --spawn-server the bots know their server",
            (null, true) when result.GetValue(AllowHost) is not null => "--allow-host is for --url; --spawn-server is on this machine",
            // The bots are a load generator: pointed at someone else's machine only when its host is named twice.
            ({ IsLoopback: false } u, _) when !string.Equals(result.GetValue(AllowHost), u.Host, StringComparison.OrdinalIgnoreCase) =>
                $"--url {u} is not on this machine: to load it anyway, add --allow-host {u.Host}",
            _ when Given(result, Processes, Defaults.Processes) > Given(result, Count, Defaults.Count) => "--processes must not exceed --count",
            _ => null,
        };
        if (error is not null)
        {
            result.AddError(error);
        }
    }

    // An option left out has no result of its own in a command's validator: its default stands in.
    private static T Given<T>(CommandResult result, Option<T> option, T defaultValue) =>
        result.GetResult(option) is null ? defaultValue : result.GetValue(option)!;

    public BotsOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var (width, height) = parse.GetValue(World);
        return new BotsOptions(
            parse.GetValue(Url),
            parse.GetValue(SpawnServer),
            parse.GetValue(ServerPid),
            parse.GetValue(Count),
            parse.GetValue(Rate),
            parse.GetValue(Radius),
            parse.GetValue(Seconds),
            parse.GetValue(Warmup),
            parse.GetValue(Runs),
            width,
            height)
        {
            Mix = parse.GetValue(Mix)!,
            UsersPrefix = parse.GetValue(UsersPrefix)!,
            RampUp = parse.GetValue(RampUp),
            NowAndThen = parse.GetValue(NowAndThen),
            Processes = parse.GetValue(Processes),
            JsonPath = parse.GetValue(Json)?.FullName,
            AllowHost = parse.GetValue(AllowHost),
            FirstBot = parse.GetValue(FirstBot),
            WorkerOutput = parse.GetValue(WorkerOutput),
            Compact = parse.GetValue(Compact),
            NotifyMoves = parse.GetValue(NotifyMoves),
        };
    }

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

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            result.AddError($"--url must be a WebSocket URL such as ws://127.0.0.1:5000/ws, not {text}");
            return null;
        }

        return url;
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

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,20}\z")]
    private static partial Regex UsernamePrefix();
}

/// <summary>Where the bots turn back, shown as <c>--world</c> takes it.</summary>
internal readonly record struct WorldSize(double Width, double Height)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
