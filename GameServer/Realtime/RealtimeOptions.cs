namespace GameServer.Realtime;

/// <summary>Settings of the WebSocket transport, bound to the <c>Realtime</c> section.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>Largest message a client may send, in bytes; a larger one closes the connection with 1009.</summary>
    public int MaxMessageSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Messages that may wait to be sent to one connection. A client that falls this far behind is
    /// closed with 1008, so that it never holds back anyone else.
    /// </summary>
    public int OutboundQueueLimit { get; set; } = 1024;

    /// <summary>How long a closing handshake may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval of WebSocket ping frames that keep idle connections alive through proxies.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
}
