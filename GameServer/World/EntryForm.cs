namespace GameServer.World;

/// <summary>How a subscriber gets the entries of entities it already has; one new to it always arrives whole.</summary>
public enum EntryForm
{
    /// <summary>The id and only the fields that changed since the last patch.</summary>
    Partial,

    /// <summary>The kind's compact form where a change has one (players: <c>[id, x, y]</c>), otherwise partial.</summary>
    Compact,

    /// <summary>Every field, every time: for clients that replace an entity by its entry.</summary>
    Whole,
}
