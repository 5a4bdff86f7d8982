using System.Text.Json;

namespace GameServer.Protocol.Client;

/// <summary>A JSON-RPC error answer from the server, thrown by <see cref="GameClient"/>.</summary>
public sealed class GameRpcException : Exception
{
    /// <summary>Creates the exception from an error object's parts.</summary>
    public GameRpcException(int code, string message, JsonElement? data)
        : base($"{message} ({code})")
    {
        Code = code;
        RpcMessage = message;
        Data = data;
    }

    /// <summary>The error code, one of <see cref="JsonRpc.ErrorCodes"/>.</summary>
    public int Code { get; }

    /// <summary>The server's message, without the code.</summary>
    public string RpcMessage { get; }

    /// <summary>The error's <c>data</c>, if it had any.</summary>
    public new JsonElement? Data { get; }

    /// <summary>The <c>data.field</c> of an invalid-params error, if present.</summary>
    public string? Field =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("field", out var fieldElement)
            ? fieldElement.GetString()
            : null;

    /// <summary>How long to wait before trying again, from <c>data.retry_after_ms</c> of a -32029 answer; null when not given.</summary>
    public TimeSpan? RetryAfter =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("retry_after_ms", out var wait) && wait.TryGetInt64(out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;
}
