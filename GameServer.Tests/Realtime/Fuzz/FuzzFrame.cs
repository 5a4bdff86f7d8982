using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;

namespace GameServer.Tests.Realtime.Fuzz;

/// <summary>What a generated frame was meant to try; the checks expect a close code only for the kinds that ask for one.</summary>
public enum FrameKind
{
    Request,
    Notification,
    Batch,
    OversizedBatch,
    EmptyBatch,
    Mutated,
    DeepNesting,
    WrongShape,
    Unicode,
    Blank,
    InvalidUtf8,
    Binary,
    OverSizeLimit,
}

/// <summary>One generated WebSocket message.</summary>
public sealed partial record FuzzFrame(FrameKind Kind, byte[] Payload, WebSocketMessageType Type)
{
    public static FuzzFrame Text(FrameKind kind, string text) => new(kind, Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>Whether the server must close the connection for it, whatever it holds.</summary>
    public bool MustClose => Kind is FrameKind.Binary or FrameKind.OverSizeLimit or FrameKind.InvalidUtf8;

    /// <summary>The frame as it would be quoted in a failure: kind and the first few hundred characters.</summary>
    public override string ToString()
    {
        var text = Type == WebSocketMessageType.Binary ? Convert.ToHexString(Payload.AsSpan(0, Math.Min(64, Payload.Length))) : Encoding.UTF8.GetString(Payload);
        var compact = RepeatedCharacters().Replace(text, m => $"{m.Value[0]}×{m.Length}");
        return $"{Kind} ({Payload.Length} bytes): {(compact.Length > 2000 ? compact[..2000] + "…" : compact)}";
    }

    [GeneratedRegex(@"(.)\1{15,}")]
    private static partial Regex RepeatedCharacters();
}
