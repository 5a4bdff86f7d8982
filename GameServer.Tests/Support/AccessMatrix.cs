namespace GameServer.Tests.Support;

/// <summary>Who makes a call in the access matrix (docs/reliability.md, "Who may do what").</summary>
public enum Caller
{
    /// <summary>A connection or request that never logged in.</summary>
    Anonymous,

    /// <summary>The owner of the things the call names (its inventory, its item, its player).</summary>
    Player,

    /// <summary>A second logged-in player calling with the owner's ids: what it may read, it must not change.</summary>
    OtherPlayer,

    /// <summary>An admin, calling with the owner's ids.</summary>
    Admin,
}

/// <summary>Who the matrix expects to be let in: written out by hand in the tests, never read from the server.</summary>
public enum Access
{
    Anonymous,
    User,
    Admin,
}

/// <summary>What each cell of the matrix expects, and how it reads in docs/reliability.md.</summary>
public static class AccessMatrix
{
    public static IReadOnlyList<Caller> Callers { get; } = Enum.GetValues<Caller>();

    public static bool LetsIn(Access access, Caller caller) => access switch
    {
        Access.Anonymous => true,
        Access.User => caller != Caller.Anonymous,
        _ => caller == Caller.Admin,
    };

    /// <summary>The docs table's row for a method or endpoint: "yes" or the refusal each caller gets.</summary>
    public static string DocsRow(string name, Access access, string unauthenticated, string forbidden) =>
        $"| `{name}` | " + string.Join(" | ", Callers.Select(caller =>
            LetsIn(access, caller) ? "yes" : caller == Caller.Anonymous ? unauthenticated : forbidden)) + " |";

    /// <summary>docs/reliability.md, read once.</summary>
    public static string ReliabilityDoc => Doc.Value;

    private static readonly Lazy<string> Doc = new(() => File.ReadAllText(Path.Combine(Repository.Root, "docs", "reliability.md")));
}
