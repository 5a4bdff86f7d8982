using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Realtime.JsonRpc;

/// <summary>The shape of every handler: the caller's session, its typed params, a cancellation token.</summary>
public delegate ValueTask<TResult> RpcHandler<in TParams, TResult>(Session session, TParams parameters, CancellationToken cancellationToken);

/// <summary>One entry of the method table: a name, who may call it, and how to run it.</summary>
internal abstract class RpcMethod(string name, RpcAccess access, bool nonBlocking)
{
    public string Name { get; } = name;

    public RpcAccess Access { get; } = access;

    /// <summary>Never blocks and does little: it may run on the socket engine's thread (<see cref="SocketThread"/>).</summary>
    public bool NonBlocking { get; } = nonBlocking;

    /// <summary>Reads the params, runs the handler and returns its result, not yet written.</summary>
    public abstract ValueTask<object?> InvokeAsync(Session session, JsonElement parameters, CancellationToken cancellationToken);

    public abstract void WriteResult(Utf8JsonWriter writer, object? result);
}

/// <summary>A method with typed params and result, both read and written by source-generated JSON.</summary>
internal sealed class RpcMethod<TParams, TResult>(
    string name,
    RpcAccess access,
    JsonTypeInfo<TParams> paramsInfo,
    JsonTypeInfo<TResult> resultInfo,
    RpcHandler<TParams, TResult> handler,
    bool nonBlocking) : RpcMethod(name, access, nonBlocking)
{
    public override async ValueTask<object?> InvokeAsync(Session session, JsonElement parameters, CancellationToken cancellationToken)
    {
        var typed = ParamsReader.Read(parameters, paramsInfo);
        return await handler(session, typed, cancellationToken);
    }

    public override void WriteResult(Utf8JsonWriter writer, object? result) =>
        JsonSerializer.Serialize(writer, (TResult)result!, resultInfo);
}
