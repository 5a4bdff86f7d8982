namespace GameServer.Cluster;

/// <summary>Where this node's presence goes in cluster mode: its set in Redis, and the bus.</summary>
internal interface IPresenceMirror
{
    /// <summary>Records that <paramref name="userId"/> came into (or left) the world on this node; never waits.</summary>
    void Write(int userId, bool online);
}
