using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Protocol.Client;

public sealed partial class GameClient
{
    /// <summary>Calls a method that takes no parameters.</summary>
    public Task<TResult> CallAsync<TResult>(string method, JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken = default) =>
        CallAsync(method, new EmptyParams(), GameJsonContext.Default.EmptyParams, resultInfo, cancellationToken);

    /// <summary>
    /// Calls a method with parameters by name and awaits its result. Cancelling (this call's token or
    /// <see cref="GameClientOptions.CallCancellation"/>) forgets the request: a late answer is dropped.
    /// </summary>
    /// <exception cref="GameRpcException">The server answered with an error.</exception>
    /// <exception cref="OperationCanceledException">A token was cancelled before the answer came.</exception>
    public Task<TResult> CallAsync<TParams, TResult>(
        string method,
        TParams parameters,
        JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo,
        CancellationToken cancellationToken = default) =>
        CallAsync(method, parameters, paramsInfo, resultInfo, onArrival: null, cancellationToken);

    /// <summary>
    /// Calls a method and awaits its result; <paramref name="onArrival"/> gets the result first, on the
    /// receive loop, before any notification that followed the answer is raised: for a snapshot
    /// that later notifications change (see <c>PlayerView</c>).
    /// </summary>
    /// <exception cref="GameRpcException">The server answered with an error.</exception>
    public async Task<TResult> CallAsync<TParams, TResult>(
        string method,
        TParams parameters,
        JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo,
        Action<TResult>? onArrival,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(paramsInfo);
        ArgumentNullException.ThrowIfNull(resultInfo);
        using var linked = Link(cancellationToken, out var token);
        token.ThrowIfCancellationRequested();
        var id = Interlocked.Increment(ref _nextId);
        var call = new PendingCall<TResult>(resultInfo, onArrival);
        _pending[id] = call;
        try
        {
            // Registered before sending: an answer can never outrun the cancellation.
            using var registration = token.Register(() => call.Cancel(token));
            await SendAsync(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc"u8, "2.0"u8);
                writer.WriteNumber("id"u8, id);
                writer.WriteString("method"u8, method);
                writer.WritePropertyName("params"u8);
                JsonSerializer.Serialize(writer, parameters, paramsInfo);
                writer.WriteEndObject();
            }, token);
            return await call.Task;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Sends a JSON-RPC notification (a call without <c>id</c>): the server runs it and answers
    /// nothing, not even an error. For calls made at rate, such as movement.
    /// </summary>
    public Task NotifyAsync<TParams>(string method, TParams parameters, JsonTypeInfo<TParams> paramsInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(paramsInfo);
        return SendAsync(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteString("method"u8, method);
            writer.WritePropertyName("params"u8);
            JsonSerializer.Serialize(writer, parameters, paramsInfo);
            writer.WriteEndObject();
        }, cancellationToken);
    }
}
