using GameServer.Realtime.JsonRpc;

namespace GameServer.Inventory;

public sealed partial class InventoryService
{
    /// <summary>The longest search a list takes: a search reads every name, so its text at least is bounded.</summary>
    public const int MaxSearchLength = 100;

    /// <summary>
    /// A search a client may ask for, trimmed and in upper case (invariant), as names are compared
    /// ignoring case; null when there is none or it is blank (a cleared search box lists everything).
    /// </summary>
    internal static string? ValidSearch(string? search)
    {
        var trimmed = search?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return Bounded(trimmed, "search").ToUpperInvariant();
    }

    /// <summary>
    /// An owner's name to filter by, as given (names match exactly); no registered name holds a control
    /// character, and PostgreSQL refuses U+0000 in text, so such a filter is refused before any store sees it.
    /// </summary>
    internal static string? ValidUsernameFilter(string? username) => username is null ? null : Bounded(username, "username");

    /// <summary>Text a list filters by: every name is read, so it is bounded, and no stored name holds a control character.</summary>
    private static string Bounded(string text, string field) =>
        text.Length <= MaxSearchLength && !text.Any(char.IsControl)
            ? text
            : throw RpcException.InvalidParams(field, $"must be at most {MaxSearchLength} characters, without control characters");
}
