namespace GameServer.Realtime;

/// <summary>Frames in and out across all sessions, for <c>system.info</c> and the admin dashboard's messages per second.</summary>
public sealed class MessageCounters
{
    private long _received;
    private long _sent;
    private long _notificationsRefused;

    public long MessagesReceived => Interlocked.Read(ref _received);

    public long MessagesSent => Interlocked.Read(ref _sent);

    /// <summary>Calls without <c>id</c> that the server refused (an error it could not answer), on all sessions since start.</summary>
    public long NotificationsRefused => Interlocked.Read(ref _notificationsRefused);

    internal void Received() => Interlocked.Increment(ref _received);

    internal void Sent() => Interlocked.Increment(ref _sent);

    internal void NotificationRefused() => Interlocked.Increment(ref _notificationsRefused);
}
