using GameServer.Cluster.Authority;

namespace GameServer.World;

/// <summary>
/// Asks the world's owner to relay every entity of a kind once, so that this node's copy holds what it
/// missed: the owner's unsaved changes when the node starts, its lost messages after a break in the
/// link. Asked here when this node is the owner (its own messages were lost). A double relay is harmless.
/// </summary>
public static class RelayCatchUp
{
    private const int Attempts = 3;

    public static async Task AskAsync(IAuthority authority, string relayAll)
    {
        ArgumentNullException.ThrowIfNull(authority);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await authority.AskAsync<int, int>(relayAll, 0, CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // No owner now (-32050), or its answer was lost while the subscriptions came back: asked
                // again; a new owner reloads and relays everything as it takes over anyway.
            }
        }
    }
}
