using System.Text.Json.Nodes;
using GameServer.Protocol.JsonRpc;

namespace GameServer.Realtime.JsonRpc;

/// <summary>
/// A typed failure that services throw and the transports map once: to a JSON-RPC error object
/// on the WebSocket, to an HTTP status on the HTTP API.
/// </summary>
public sealed class RpcException(int code, string message, JsonObject? data = null) : Exception(message)
{
    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public int Code { get; } = code;

    /// <summary>Details for the client, sent as <c>error.data</c>.</summary>
    public JsonObject? Details { get; } = data;

    /// <summary>A parameter is missing or wrong: -32602 with <c>{"field", "reason"}</c>.</summary>
    public static RpcException InvalidParams(string field, string reason) =>
        new(ErrorCodes.InvalidParams, $"invalid params: {field} {reason}", new JsonObject { ["field"] = field, ["reason"] = reason });

    /// <summary>The request clashes with existing state: -32009 naming the field.</summary>
    public static RpcException Conflict(string field, string reason) =>
        new(ErrorCodes.Conflict, $"conflict: {field} {reason}", new JsonObject { ["field"] = field, ["reason"] = reason });

    /// <summary>No record with that id: -32004.</summary>
    public static RpcException NotFound(string what, object id) =>
        new(ErrorCodes.NotFound, $"{what} {id} not found", new JsonObject { ["resource"] = what, ["id"] = JsonValue.Create(id.ToString()) });

    /// <summary>A state-machine transition not allowed now (wrong source state, or a failed condition): -32010 with <c>{"state", "transition"}</c>.</summary>
    public static RpcException TransitionNotAllowed(string state, string transition, string reason) =>
        new(ErrorCodes.TransitionNotAllowed, $"transition {transition} not allowed: {reason}", new JsonObject { ["state"] = state, ["transition"] = transition });

    /// <summary>Not logged in, or the credentials were refused: -32001.</summary>
    public static RpcException Unauthenticated(string message = "login required") => new(ErrorCodes.Unauthenticated, message);

    /// <summary>Logged in but not allowed: -32003.</summary>
    public static RpcException Forbidden(string message = "admin rights required") => new(ErrorCodes.Forbidden, message);

    /// <summary>Too many requests: -32029, with the seconds to wait when known.</summary>
    public static RpcException RateLimited(TimeSpan? retryAfter = null) =>
        new(ErrorCodes.RateLimited, "rate limited", retryAfter is { } wait ? new JsonObject { ["retry_after_ms"] = (long)Math.Ceiling(wait.TotalMilliseconds) } : null);
}
