using System.ComponentModel.DataAnnotations;
using GameServer.Configuration;
using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// Several nodes as one game, bound to the <c>Cluster</c> section. Off unless <see cref="Redis"/> is
/// set; then the nodes meet in Redis and share one PostgreSQL database.
/// </summary>
public sealed class ClusterOptions : IValidatableObject
{
    public const string Section = "Cluster";

    /// <summary>A StackExchange.Redis configuration string (<c>127.0.0.1:6379,password=...</c>); set, it turns cluster mode on.</summary>
    public string? Redis { get; set; }

    /// <summary>This node's name among the others; empty means host and port.</summary>
    public string? NodeId { get; set; }

    /// <summary>
    /// Prefixes every Redis key and channel of this game, so that several games (or test runs) can share
    /// one Redis. Nodes of one game use the same name.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "must name the game in Redis")]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "must be 1 to 64 letters, digits, '_', '.' or '-'")]
    public string Name { get; set; } = "gameserver";

    /// <summary>How long a lease (the world's, a job's) or a node's heartbeat lasts without renewal: how soon a dead node's part is taken over.</summary>
    [PositiveDuration]
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a node renews its heartbeat and leases; at most a third of <see cref="LeaseTimeout"/>.</summary>
    [PositiveDuration]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a node waits for the answer of an operation forwarded to the node that decides it (a move
    /// sent to the world's owner), a new owner's arrival included, before it answers -32050.
    /// </summary>
    [PositiveDuration]
    public TimeSpan ForwardTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The public WebSocket URLs of the game's nodes (<c>wss://eu1.example.com/ws</c>), which clients go on to
    /// when their node is lost. The web page reads them from <c>GET /cluster/client-urls</c> and may connect to
    /// them (they join the page's <c>connect-src</c>); empty, a page keeps to the node that served it.
    /// </summary>
    public string[] ClientUrls { get; set; } = [];

    /// <summary>Whether cluster mode is on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatInterval * 3 > LeaseTimeout)
        {
            yield return new ValidationResult("must be at most a third of Cluster:LeaseTimeout, so a live node renews before its lease runs out", [nameof(HeartbeatInterval)]);
        }

        // Checked with or without Redis: a page would be told these either way.
        foreach (var url in ClientUrls.Where(url => !IsWebSocketUrl(url)))
        {
            yield return new ValidationResult($"must be absolute ws:// or wss:// URLs; '{url}' is not", [nameof(ClientUrls)]);
        }

        if (!Enabled)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            _ = ConfigurationOptions.Parse(Redis!);
        }
        catch (ArgumentException e)
        {
            problem = $"is not a valid StackExchange.Redis configuration ({e.Message})";
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(Redis)]);
        }
    }

    // A host only: user info, a query or a fragment has no place in a URL that also goes into the pages' CSP.
    private static bool IsWebSocketUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == "ws" || uri.Scheme == "wss")
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;

    /// <summary>Whether cluster mode is on, read straight from configuration for registering services before the options exist.</summary>
    public static bool EnabledIn(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration.GetSection(Section)[nameof(Redis)]);
    }
}
