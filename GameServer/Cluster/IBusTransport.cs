namespace GameServer.Cluster;

/// <summary>
/// Carries the bus's messages to the other nodes (Redis pub/sub in cluster mode). Absent on a single
/// node, where the bus only delivers locally.
/// </summary>
public interface IBusTransport
{
    /// <summary>Sends <paramref name="payload"/> on <paramref name="channel"/> to every other node; never throws, never waits.</summary>
    void Publish(string channel, ReadOnlyMemory<byte> payload);
}
