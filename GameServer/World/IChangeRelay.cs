namespace GameServer.World;

/// <summary>
/// Sends one kind of entity's changes since the last patch from the world's owner to the other nodes
/// (cluster mode), which apply them to their own copy of the world; run by <see cref="WorldPatchJob"/>
/// just before each patch, so the other nodes' subscribers see each change one relay after the owner's.
/// </summary>
public interface IChangeRelay
{
    /// <summary>On the owner, publishes the changes once; elsewhere, forgets what was marked.</summary>
    void Relay();
}
