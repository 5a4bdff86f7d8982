using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace GameServer.Realtime;

/// <summary>
/// One WebSocket connection and who is logged in on it. Handlers receive it with every request;
/// features send it notifications. Its receive loop and single writer live in the partial files
/// <c>Session.Receive.cs</c> and <c>Session.Send.cs</c>. An idle session holds no queue and runs no
/// writer: both exist only while something waits to be sent.
/// </summary>
public sealed partial class Session : IThreadPoolWorkItem
{
    private readonly WebSocket _socket;
    private readonly SessionRegistry _registry;
    private readonly RealtimeOptions _options;
    private readonly Lock _sending = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly RealtimeMetrics _metrics;
    private (WebSocketCloseStatus Status, string Description)? _closeRequest;
    private SessionUser? _user;
    private long _queuedBytes;
    private Queue<OutboundMessage>? _queue;
    private bool _writing;
    private bool _sendFailed;
    private TaskCompletionSource? _closeWritten;
    private Action? _afterAnswer;
    private ResponseScratch? _response;

    internal Session(long id, WebSocket socket, IPAddress? clientAddress, string remoteAddress, SessionRegistry registry, RealtimeOptions options, RealtimeMetrics metrics)
    {
        _metrics = metrics;
        Id = id;
        _socket = socket;
        ClientAddress = clientAddress;
        RemoteAddress = remoteAddress;
        _registry = registry;
        _options = options;
    }

    /// <summary>The connection's id, unique in this process; it names the session in logs.</summary>
    public long Id { get; }

    /// <summary>The client's address and port, for logs.</summary>
    public string RemoteAddress { get; }

    /// <summary>The client's IP address after forwarded-headers handling: the key of per-address limits.</summary>
    public IPAddress? ClientAddress { get; }

    /// <summary>The logged-in user, or null before login.</summary>
    public SessionUser? User => _user;

    /// <summary>Identifies the credential the session logged in with (the token's hash), so logout revokes just that one.</summary>
    public string? CredentialId { get; private set; }

    /// <summary>Whether a close has been requested or has happened; sends are dropped from then on.</summary>
    public bool IsClosing => _closeRequest is not null;

    /// <summary>The status the server closed (or is closing) the connection with; null while it is open.</summary>
    public WebSocketCloseStatus? CloseStatus => _closeRequest?.Status;

    /// <summary>The reason given with <see cref="CloseStatus"/>.</summary>
    public string? CloseDescription => _closeRequest?.Description;

    /// <summary>Bytes queued for this connection and not yet sent.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Scratch space for the dispatcher's replies, lent while a frame is answered (<see cref="ResetResponse"/>).</summary>
    internal ArrayBufferWriter<byte> ResponseBuffer => (_response ?? throw new InvalidOperationException("no reply is being written")).Buffer;

    internal Utf8JsonWriter ResponseWriter => (_response ?? throw new InvalidOperationException("no reply is being written")).Writer;

    /// <summary>Bytes of reply buffer the session holds now: none between frames.</summary>
    internal int RetainedResponseBytes => _response?.Buffer.Capacity ?? 0;

    /// <summary>Whether the session holds an outbound queue or runs a writer now: not while it is idle.</summary>
    internal bool HoldsSendQueue
    {
        get
        {
            lock (_sending)
            {
                return _queue is not null || _writing;
            }
        }
    }

    /// <summary>Logs the session in as <paramref name="user"/>; a session already logged in switches user.</summary>
    public void SignIn(SessionUser user, string credentialId)
    {
        ArgumentNullException.ThrowIfNull(user);
        var previous = Interlocked.Exchange(ref _user, user);
        CredentialId = credentialId;
        _registry.OnSignedIn(this, previous);
    }

    /// <summary>Logs the session out; it stays connected.</summary>
    public void SignOut()
    {
        var previous = Interlocked.Exchange(ref _user, null);
        CredentialId = null;
        if (previous is not null)
        {
            _registry.OnSignedOut(this, previous);
        }
    }

    /// <summary>
    /// Queues a frame for this session without waiting. Returns false when the session is closing,
    /// or when its queue has overflowed, in which case the session is closed with 1008.
    /// </summary>
    public bool Send(OutboundMessage message)
    {
        var length = message.Payload.Length;
        bool accepted, overBytes, overflowed = false, startWriter = false;
        lock (_sending)
        {
            overBytes = Interlocked.Read(ref _queuedBytes) + length > _options.OutboundQueueBytes;
            var full = overBytes || _queue?.Count >= _options.OutboundQueueLimit;
            var open = _closeRequest is null && !_sendFailed;
            accepted = open && !full;
            if (accepted)
            {
                Interlocked.Add(ref _queuedBytes, length);
                (_queue ??= new Queue<OutboundMessage>()).Enqueue(message);
                startWriter = !_writing;
                _writing = true;
            }
            else
            {
                overflowed = open;
            }
        }

        if (accepted)
        {
            if (startWriter)
            {
                StartWriter();
            }

            return true;
        }

        message.Release();
        if (overflowed)
        {
            _metrics.OutboundOverflow(overBytes);
            RequestClose(
                WebSocketCloseStatus.PolicyViolation,
                overBytes
                    ? $"outbound queue over {_options.OutboundQueueBytes} bytes: the client reads too slowly"
                    : "outbound queue overflow: the client reads too slowly");
        }

        return false;
    }

    /// <summary>Empties the reply buffer for the next reply, borrowing one for the frame being answered if need be.</summary>
    internal Utf8JsonWriter ResetResponse() => (_response ??= ResponseScratch.Pool.Get()).Reset();

    /// <summary>Gives the reply buffer back once a frame is answered: an idle session holds none.</summary>
    internal void ReturnResponse()
    {
        if (_response is { } response)
        {
            _response = null;
            ResponseScratch.Pool.Return(response);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the answers to the frame being handled are queued (at once
    /// after a frame that gets none): for a handler whose notifications must not overtake its answer,
    /// such as a subscription's snapshot. Called by handlers, on the session's receive loop.
    /// </summary>
    public void AfterAnswer(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _afterAnswer += action;
    }

    /// <summary>Called by the dispatcher when a frame's answers are queued.</summary>
    internal void Answered()
    {
        var actions = _afterAnswer;
        _afterAnswer = null;
        actions?.Invoke();
    }

    /// <summary>Counts a notification the server refused: it has no reply to say so.</summary>
    internal void NotificationRefused() => _metrics.NotificationRefused();

    private void Dequeued(OutboundMessage message) => Interlocked.Add(ref _queuedBytes, -message.Payload.Length);

    /// <summary>
    /// Starts closing the connection with <paramref name="status"/>. Idempotent: the first reason wins.
    /// A client that does not finish the handshake within the close timeout is aborted.
    /// </summary>
    public void RequestClose(WebSocketCloseStatus status, string description)
    {
        bool startWriter;
        lock (_sending)
        {
            if (_closeRequest is not null)
            {
                return;
            }

            _closeRequest = (status, description);
            _closeWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // A running writer sees the request after its current frame and closes; otherwise one starts to close.
            startWriter = !_writing;
            _writing = true;
        }

        if (startWriter)
        {
            StartWriter();
        }

        try
        {
            _abort.CancelAfter(_options.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The session finished between the check above and here: nothing is left to abort.
        }
    }
}
