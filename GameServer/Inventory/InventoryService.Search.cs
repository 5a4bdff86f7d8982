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

        return trimmed.Length <= MaxSearchLength && !trimmed.Any(char.IsControl)
            ? trimmed.ToUpperInvariant()
            : throw RpcException.InvalidParams("search", $"must be at most {MaxSearchLength} characters, without control characters");
    }
}
