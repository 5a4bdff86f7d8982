namespace GameServer.Realtime;

/// <summary>
/// One text frame waiting to be sent. Shared bytes (a notification serialised once for many
/// sessions) are never returned to the pool; a reply's own buffer is, once sent (see <see cref="FrameBuffers"/>).
/// </summary>
public readonly struct OutboundMessage
{
    private readonly byte[]? _rented;

    private OutboundMessage(ReadOnlyMemory<byte> payload, byte[]? rented, string? method)
    {
        Payload = payload;
        _rented = rented;
        Method = method;
    }

    /// <summary>The UTF-8 JSON text of the frame.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The method the frame notifies or answers, the tag it is counted under once sent; null counts as unnamed.</summary>
    public string? Method { get; }

    /// <summary>A frame whose bytes may be sent to any number of sessions.</summary>
    public static OutboundMessage Shared(ReadOnlyMemory<byte> payload, string? method = null) => new(payload, null, method);

    /// <summary>Copies <paramref name="payload"/> into a pooled buffer owned by the frame.</summary>
    public static OutboundMessage CopyOf(ReadOnlySpan<byte> payload, string? method = null)
    {
        var rented = FrameBuffers.Rent(payload.Length);
        payload.CopyTo(rented);
        return new OutboundMessage(rented.AsMemory(0, payload.Length), rented, method);
    }

    /// <summary>Gives the pooled buffer back, if the frame owns one; call once, after sending or dropping.</summary>
    public void Release()
    {
        if (_rented is not null)
        {
            FrameBuffers.Return(_rented);
        }
    }
}
