using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GameServer.Protocol.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Realtime.JsonRpc;

/// <summary>
/// Reads one text frame as a JSON-RPC 2.0 request, notification or batch, runs each call through
/// the method table and queues the answer on the session. Every failure becomes a JSON-RPC error;
/// nothing a client sends can take the session's loop down.
/// </summary>
public sealed partial class JsonRpcDispatcher(RpcMethodTable methods, IOptions<RealtimeOptions> options, RealtimeMetrics metrics, ILogger<JsonRpcDispatcher> logger)
{
    private readonly int _maxBatchSize = options.Value.MaxBatchSize;
    private readonly int _maxReplyBytes = options.Value.MaxReplyBytes;

    private const int MaxMethodNameLength = 128;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Handles one frame; the frame's memory is only read until the returned task completes.</summary>
    public async ValueTask DispatchAsync(Session session, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            await DispatchFrameAsync(session, frame, cancellationToken);
        }
        finally
        {
            session.Answered();
        }
    }

    private async ValueTask DispatchFrameAsync(Session session, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, DocumentOptions);
        }
        catch (JsonException)
        {
            var invalid = metrics.Tally(RealtimeMetrics.Invalid);
            invalid.CountReceived();
            WriteError(Begin(session), default, ErrorCodes.ParseError, "parse error: the frame is not valid JSON");
            Send(session, invalid);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var writer = Begin(session);
            if (root.ValueKind != JsonValueKind.Array)
            {
                var (tally, answered) = await HandleAsync(session, root, writer, single: true, cancellationToken);
                if (answered)
                {
                    Send(session, tally);
                }

                return;
            }

            var batch = metrics.Tally(RealtimeMetrics.Batch);
            batch.CountReceived();
            var size = root.GetArrayLength();
            if (size == 0)
            {
                WriteError(writer, default, ErrorCodes.InvalidRequest, "invalid request: empty batch");
                Send(session, batch);
                return;
            }

            if (size > _maxBatchSize)
            {
                // Refused whole, before anything runs: a batch's cost is what the client chose.
                WriteError(writer, default, ErrorCodes.InvalidRequest, $"invalid request: a batch holds at most {_maxBatchSize} requests");
                Send(session, batch);
                return;
            }

            await RunBatchAsync(session, root, writer, batch, cancellationToken);
        }
    }

    /// <summary>
    /// Batch members run in order; the answers go out together in one array, as the spec asks. Once
    /// the answers reach <c>Realtime:MaxReplyBytes</c>, the remaining members are not run and each
    /// gets -32600, so a small frame cannot ask for a huge reply.
    /// </summary>
    private async ValueTask RunBatchAsync(Session session, JsonElement batch, Utf8JsonWriter writer, MessageTally batchTally, CancellationToken cancellationToken)
    {
        writer.WriteStartArray();
        var answers = 0;
        var first = true;
        foreach (var call in batch.EnumerateArray())
        {
            if (!first)
            {
                // Let other sessions' work run between members: one batch must not hold a thread.
                await Task.Yield();
            }

            first = false;
            if (writer.BytesCommitted + writer.BytesPending >= _maxReplyBytes)
            {
                answers += WriteNotRun(call, writer) ? 1 : 0;
                continue;
            }

            answers += (await HandleAsync(session, call, writer, single: false, cancellationToken)).Answered ? 1 : 0;
        }

        writer.WriteEndArray();
        if (answers > 0)
        {
            Send(session, batchTally);
        }
    }

    /// <summary>Answers a member left out by the reply cap as it would have been answered: notifications get nothing.</summary>
    private bool WriteNotRun(JsonElement call, Utf8JsonWriter writer)
    {
        var id = default(JsonElement);
        if (call.ValueKind == JsonValueKind.Object && !call.TryGetProperty("id"u8, out id))
        {
            return false;
        }

        if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
        {
            id = default;
        }

        return WriteError(writer, id, ErrorCodes.InvalidRequest, $"invalid request: not run, the batch's replies reached {_maxReplyBytes} bytes; send it again in another frame");
    }

    private static Utf8JsonWriter Begin(Session session) => session.ResetResponse();

    private static void Send(Session session, MessageTally tally)
    {
        session.ResponseWriter.Flush();
        session.Send(OutboundMessage.CopyOf(session.ResponseBuffer.WrittenSpan, tally.Method));

        // Now, not at the next request: an idle session must not keep a large buffer.
        session.ResetResponse();
    }

    /// <summary>
    /// Runs one call; returns the tally it counts under and whether it wrote an answer (notifications
    /// get none). A call that is the whole frame (<paramref name="single"/>) counts the frame received.
    /// </summary>
    private async ValueTask<(MessageTally Tally, bool Answered)> HandleAsync(Session session, JsonElement call, Utf8JsonWriter writer, bool single, CancellationToken cancellationToken)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            return Invalid(single, WriteError(writer, default, ErrorCodes.InvalidRequest, "invalid request: expected a JSON-RPC request object"));
        }

        var hasId = call.TryGetProperty("id"u8, out var id);
        if (hasId && (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null) || !IsReadable(id)))
        {
            return Invalid(single, WriteError(writer, default, ErrorCodes.InvalidRequest, "invalid request: id must be a string, a number or null"));
        }

        if (!call.TryGetProperty("jsonrpc"u8, out var version) || version.ValueKind != JsonValueKind.String || !IsReadable(version) || !version.ValueEquals("2.0"u8))
        {
            return Invalid(single, WriteError(writer, id, ErrorCodes.InvalidRequest, "invalid request: jsonrpc must be \"2.0\""));
        }

        if (!call.TryGetProperty("method"u8, out var methodName) || methodName.ValueKind != JsonValueKind.String)
        {
            return Invalid(single, WriteError(writer, id, ErrorCodes.InvalidRequest, "invalid request: method must be a string"));
        }

        var hasParams = call.TryGetProperty("params"u8, out var parameters);
        if (hasParams && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return Invalid(single, WriteError(writer, id, ErrorCodes.InvalidRequest, "invalid request: params must be an object or an array"));
        }

        if (!TryFind(methodName, out var method))
        {
            var unknown = Received(single, RealtimeMetrics.Unknown);
            metrics.Error(ErrorCodes.MethodNotFound);
            return (unknown, hasId && RpcResponse.WriteError(writer, id, ErrorCodes.MethodNotFound, "method not found"));
        }

        var tally = Received(single, method.Name);
        using var scope = logger.BeginScope(new RequestLogScope(session.Id, session.User?.Username, method.Name));
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (hasParams && parameters.ValueKind == JsonValueKind.Array)
            {
                throw RpcException.InvalidParams("params", "must be an object: parameters are passed by name");
            }

            Authorize(session, method);
            if (!method.NonBlocking)
            {
                await SocketThread.Leave();
            }
            else if (SocketThread.IsCurrent)
            {
                metrics.CountInlineCall();
            }

            var result = await method.InvokeAsync(session, parameters, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.RequestDuration(tally, elapsed);
            LogCall(session.Id, session.User?.Username, method.Name, elapsed.TotalMilliseconds);
            return (tally, hasId && RpcResponse.WriteResult(writer, id, method, result));
        }
        catch (RpcException e)
        {
            metrics.RequestDuration(tally, Stopwatch.GetElapsedTime(started));
            LogRefused(session.Id, session.User?.Username, method.Name, e.Code, e.Message);
            if (!hasId)
            {
                // Nobody hears of a refused notification (a move over the rate, say), so it is counted.
                session.NotificationRefused();
            }

            metrics.Error(e.Code);
            return (tally, hasId && RpcResponse.WriteError(writer, id, e.Code, e.Message, e.Details));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (tally, false);
        }
        catch (Exception e)
        {
            metrics.RequestDuration(tally, Stopwatch.GetElapsedTime(started));

            // The client gets an id to quote, never the exception: the details stay in the log.
            var correlationId = Guid.NewGuid().ToString("N")[..12];
            LogFailed(e, session.Id, session.User?.Username, method.Name, correlationId);
            metrics.Error(ErrorCodes.InternalError);
            return (tally, hasId && RpcResponse.WriteInternalError(writer, id, correlationId));
        }
    }

    /// <summary>The tally of <paramref name="method"/>, with the frame counted when the call is the whole frame.</summary>
    private MessageTally Received(bool single, string method)
    {
        var tally = metrics.Tally(method);
        if (single)
        {
            tally.CountReceived();
        }

        return tally;
    }

    private (MessageTally, bool) Invalid(bool single, bool answered) => (Received(single, RealtimeMetrics.Invalid), answered);

    /// <summary>Writes an error answer and counts its code: every error the dispatcher itself gives goes through here.</summary>
    private bool WriteError(Utf8JsonWriter writer, JsonElement id, int code, string message)
    {
        metrics.Error(code);
        return RpcResponse.WriteError(writer, id, code, message);
    }

    private static void Authorize(Session session, RpcMethod method)
    {
        if (method.Access == RpcAccess.Anonymous)
        {
            return;
        }

        var user = session.User ?? throw RpcException.Unauthenticated();
        if (method.Access == RpcAccess.Admin && !user.IsAdmin)
        {
            throw RpcException.Forbidden();
        }
    }

    /// <summary>
    /// Whether a string escapes only whole UTF-16 characters: <c>"\ud800"</c> is valid JSON syntax but no
    /// string, and reading or echoing it throws, which once ended the connection (found by the fuzz).
    /// </summary>
    private static bool IsReadable(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || !JsonMarshal.GetRawUtf8Value(value).Contains((byte)'\\'))
        {
            return true;
        }

        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Looks the method up from its UTF-8 bytes without allocating a string.</summary>
    private bool TryFind(JsonElement methodName, out RpcMethod method)
    {
        var raw = JsonMarshal.GetRawUtf8Value(methodName);
        var unquoted = raw[1..^1];
        if (unquoted.Length > MaxMethodNameLength)
        {
            method = null!;
            return false;
        }

        if (unquoted.Contains((byte)'\\'))
        {
            if (!IsReadable(methodName))
            {
                method = null!;
                return false;
            }

            return methods.TryGet(methodName.GetString(), out method);
        }

        Span<char> name = stackalloc char[MaxMethodNameLength];
        if (!Encoding.UTF8.TryGetChars(unquoted, name, out var written))
        {
            method = null!;
            return false;
        }

        return methods.TryGet(name[..written], out method);
    }

    [LoggerMessage(LogLevel.Debug, "{Method} by {User} on session {SessionId} took {ElapsedMs:0.000} ms")]
    private partial void LogCall(long sessionId, string? user, string method, double elapsedMs);

    [LoggerMessage(LogLevel.Debug, "{Method} by {User} on session {SessionId} refused with {ErrorCode}: {Reason}")]
    private partial void LogRefused(long sessionId, string? user, string method, int errorCode, string reason);

    [LoggerMessage(LogLevel.Error, "{Method} by {User} on session {SessionId} failed; correlation id {CorrelationId}")]
    private partial void LogFailed(Exception exception, long sessionId, string? user, string method, string correlationId);
}
