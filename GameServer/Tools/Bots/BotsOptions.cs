using System.Globalization;

namespace GameServer.Tools.Bots;

/// <summary>
/// The bots' settings, one per option of <c>docs/bots.md</c>: a null <c>Radius</c> subscribes to the
/// whole world; <c>Width</c> and <c>Height</c> are where the bots turn back, and with
/// <c>SpawnServer</c> the server's world too. <c>Urls</c> are the nodes of one game (one URL: one
/// server), and <c>ServerPids</c> their processes, in the same order. <c>FirstBot</c> and
/// <c>WorkerOutput</c> are set only for a child process of <c>--processes</c>.
/// </summary>
internal sealed record BotsOptions(
    ValueList<Uri>? Urls = null,
    bool SpawnServer = false,
    ValueList<int>? ServerPids = null,
    int Count = 200,
    int Rate = 10,
    double? Radius = null,
    int Seconds = 20,
    int Warmup = 5,
    int Runs = 1,
    double Width = 100,
    double Height = 100)
{
    /// <summary>The behaviours and their weights; walking only unless <c>--mix</c> says otherwise.</summary>
    public BehaviourMix Mix { get; init; } = BehaviourMix.WalkOnly;

    /// <summary>Bot <c>n</c> is the user <c>{UsersPrefix}_{n}</c>, logged in when it exists and registered when not.</summary>
    public string UsersPrefix { get; init; } = "bot";

    /// <summary>Seconds between a chatter's messages, and between a shopper's reads, on average (within ±50%).</summary>
    public double NowAndThen { get; init; } = 5;

    /// <summary>Seconds over which the bots' first connections spread.</summary>
    public double RampUp { get; init; } = 5;

    /// <summary>Child processes the bots spread over; 1 runs them all in this process.</summary>
    public int Processes { get; init; } = 1;

    /// <summary>Where the results go as JSON, besides the table.</summary>
    public string? JsonPath { get; init; }

    /// <summary>The host a non-loopback <c>--url</c> may name: it must be named twice, on purpose.</summary>
    public string? AllowHost { get; init; }

    /// <summary>The number of this process's first bot: bots of several processes keep distinct users.</summary>
    public int FirstBot { get; init; }

    /// <summary>Set in a child process of <c>--processes</c>: its merged-later result goes to this file.</summary>
    public string? WorkerOutput { get; init; }

    /// <summary>Subscribe with <c>compact: true</c>: moves arrive as <c>[id, x, y]</c> with rounded positions.</summary>
    public bool Compact { get; init; }

    /// <summary>Send moves as JSON-RPC notifications: no answer, so no round trip to time.</summary>
    public bool NotifyMoves { get; init; }

    /// <summary>With <c>SpawnServer</c>: how many nodes to start; more than one makes a cluster over <see cref="Redis"/>.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>With <c>SpawnServer</c>: the nodes' <c>Cluster:Redis</c>, a StackExchange.Redis configuration string.</summary>
    public string? Redis { get; init; }

    /// <summary>With <c>SpawnServer</c>: the nodes' PostgreSQL connection string (<c>Storage:Provider=Postgres</c>).</summary>
    public string? Postgres { get; init; }

    public string Subscription =>
        (Radius is { } r ? string.Create(CultureInfo.InvariantCulture, $"radius {r}") : "whole world")
        + (Compact ? ", compact" : "") + (NotifyMoves ? ", moves as notifications" : "");

    /// <summary>
    /// The node bot <paramref name="bot"/> joins: bot i of n nodes joins node i mod n, so the bots
    /// spread evenly; by the bot's number, so the children of <c>--processes</c> spread as one.
    /// </summary>
    public static int NodeOf(int bot, int nodes) => bot % nodes;

    public string Username(int bot) => string.Create(CultureInfo.InvariantCulture, $"{UsersPrefix}_{bot}");
}
