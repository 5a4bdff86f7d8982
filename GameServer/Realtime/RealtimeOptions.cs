using System.ComponentModel.DataAnnotations;
using GameServer.Configuration;

namespace GameServer.Realtime;

/// <summary>Settings of the WebSocket transport, bound to the <c>Realtime</c> section and checked at start-up.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>Largest message a client may send, in bytes; a larger one closes the connection with 1009.</summary>
    [Range(256, 16 * 1024 * 1024, ErrorMessage = "must be 256 to 16777216 bytes")]
    public int MaxMessageSize { get; set; } = 64 * 1024;

    /// <summary>
    /// Messages that may wait to be sent to one connection. A client that falls this far behind is
    /// closed with 1008, so that it never holds back anyone else.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "must be 1 to 1000000")]
    public int OutboundQueueLimit { get; set; } = 1024;

    /// <summary>
    /// Bytes that may wait to be sent to one connection. A client that stops reading is closed with
    /// 1008 before it pins more than this: a message count alone lets large replies pin gigabytes.
    /// </summary>
    [Range(1024, int.MaxValue, ErrorMessage = "must be 1024 to 2147483647 bytes")]
    public int OutboundQueueBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Requests in one batch; a larger batch is refused whole with one -32600.</summary>
    [Range(1, 10_000, ErrorMessage = "must be 1 to 10000")]
    public int MaxBatchSize { get; set; } = 20;

    /// <summary>
    /// Reply bytes one frame may produce. Once a batch's replies reach it, its remaining members are
    /// not run and each gets -32600, so a small frame cannot make a huge reply.
    /// </summary>
    [Range(1024, int.MaxValue, ErrorMessage = "must be 1024 to 2147483647 bytes")]
    public int MaxReplyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a closing handshake may take before the socket is aborted.</summary>
    [PositiveDuration]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval of WebSocket ping frames that keep idle connections alive through proxies.</summary>
    [PositiveDuration]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A peer that does not answer a keep-alive ping within this is dropped.</summary>
    [PositiveDuration]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a plain WebSocket handshake to <c>/ws</c> is taken straight off the connection, which
    /// keeps none of Kestrel's HTTP objects for the socket's life (a third less memory per idle
    /// connection). False sends every handshake through Kestrel's HTTP upgrade; the answers are the same.
    /// </summary>
    public bool DirectUpgrade { get; set; } = true;

    /// <summary>
    /// Whether a directly upgraded WebSocket's frames are read on the socket engine's own thread, where
    /// calls that never block (a move, a ping) also run, with no hand-off to the thread pool; every other
    /// call, and a session's end, moves to the thread pool first. False reads every frame on the thread
    /// pool. It saves a thread wake-up per frame (about a quarter of the server's CPU at 200 bots). With
    /// PostgreSQL storage it is off whatever it says: Npgsql's synchronous calls wait on that thread.
    /// </summary>
    public bool InlineReceive { get; set; } = true;

    /// <summary>
    /// Origins, besides the server's own, whose pages may open a WebSocket here; an entry may end in
    /// <c>:*</c> for any port, and <c>*</c> allows every origin. Unset: <c>http://localhost:*</c> and
    /// <c>http://127.0.0.1:*</c>. A request without <c>Origin</c> (bots, native clients) is always let in.
    /// </summary>
    public string[]? AllowedOrigins { get; set; }
}
