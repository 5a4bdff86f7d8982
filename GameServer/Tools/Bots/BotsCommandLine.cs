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

    // A cluster on one machine or a handful: more is a typo, not a test.
    private const int MaxNodes = 16;

    public Option<ValueList<Uri>?> Url { get; } = new("--url")
    {
        Description = "A running server's WebSocket endpoint, ws://127.0.0.1:PORT/ws. The nodes of a cluster: comma-separated or --url repeated; "
            + "bot i joins node i mod n and, when its connection is lost, resumes on the next. Another host than loopback needs --allow-host too",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParseUrls,
    };

    public Option<string?> AllowHost { get; } = new("--allow-host")
    {
        Description = "Let the bots load a server that is not on this machine: the host of --url, named a second time on purpose",
    };

    public Option<bool> SpawnServer { get; } = new("--spawn-server")
    {
        Description = "Start GameServer as a child process on a free 127.0.0.1 port with a temp database, once per run, and read its CPU",
    };

    public Option<ValueList<int>?> ServerPid { get; } = new("--server-pid")
    {
        Description = "With --url: the server's process, so that its CPU is read from /proc; with several URLs, one PID per URL in the same order (comma-separated or repeated)",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = ParsePids,
    };

    public Option<int> Nodes { get; } = CommandLineOptions.Int("--nodes", Defaults.Nodes, 1, MaxNodes,
        "With --spawn-server: start this many nodes, one game over --redis and --postgres, and spread the bots over them");

    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = "With --spawn-server: the nodes' Cluster:Redis (a StackExchange.Redis configuration string such as 127.0.0.1:6379); a fresh Cluster:Name per run",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "With --spawn-server: the nodes' PostgreSQL connection string (Storage:Provider=Postgres), instead of a temp LiteDB file",
    };

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
        [Url, AllowHost, SpawnServer, ServerPid, Nodes, Redis, Postgres, Count, Mix, Rate, NowAndThen, Radius, Seconds, Warmup, RampUp, Runs, World, UsersPrefix, Processes, Compact, NotifyMoves, Json, FirstBot, WorkerOutput];

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
        var urls = result.GetValue(Url);
        var spawn = result.GetValue(SpawnServer);
        var pids = result.GetValue(ServerPid);
        var (nodes, redis, postgres) = (Given(result, Nodes, Defaults.Nodes), result.GetValue(Redis), result.GetValue(Postgres));
        var error = (urls, spawn) switch
        {
            (null, false) => "give --url or --spawn-server",
            (not null, true) => "give --url or --spawn-server, not both",
            (null, true) when pids is not null => "--server-pid is for --url; with --spawn-server the bots know their server",
            (null, true) when result.GetValue(AllowHost) is not null => "--allow-host is for --url; --spawn-server is on this machine",
            (not null, false) when result.GetResult(Nodes) is not null || redis is not null || postgres is not null =>
                "--nodes, --redis and --postgres are for --spawn-server; with --url the nodes are already running",
            (null, true) when nodes > 1 && (redis is null || postgres is null) =>
                $"--nodes {nodes} makes a cluster: give --redis and --postgres too (cluster mode runs on PostgreSQL, meeting in Redis)",
            (null, true) when redis is not null && postgres is null => "--redis needs --postgres: a node refuses cluster mode on LiteDB",
            (not null, _) when pids is not null && pids.Count != urls.Count =>
                $"--server-pid: give one PID per --url, in the same order ({urls.Count} URLs, {pids.Count} PIDs)",
            // The bots are a load generator: pointed at someone else's machine only when its host is named twice.
            (not null, _) when urls.FirstOrDefault(u => !u.IsLoopback && !string.Equals(result.GetValue(AllowHost), u.Host, StringComparison.OrdinalIgnoreCase)) is { } u =>
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
            Nodes = parse.GetValue(Nodes),
            Redis = parse.GetValue(Redis),
            Postgres = parse.GetValue(Postgres),
        };
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,20}\z")]
    private static partial Regex UsernamePrefix();
}

/// <summary>Where the bots turn back, shown as <c>--world</c> takes it.</summary>
internal readonly record struct WorldSize(double Width, double Height)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
