namespace GameServer.Realtime;

/// <summary>Frames in and out across all sessions, for <c>system.info</c> and the admin dashboard's messages per second.</summary>
public sealed class MessageCounters
{
    private long _received;
    private long _sent;

    public long MessagesReceived => Interlocked.Read(ref _received);

    public long MessagesSent => Interlocked.Read(ref _sent);

    internal void Received() => Interlocked.Increment(ref _received);

    internal void Sent() => Interlocked.Increment(ref _sent);
}
