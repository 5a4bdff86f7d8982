using System.Text.Json;
using System.Text.Json.Nodes;
using GameServer.Protocol.JsonRpc;

namespace GameServer.Realtime.JsonRpc;

/// <summary>Writes JSON-RPC 2.0 response objects; the id is echoed exactly as the client sent it.</summary>
internal static class RpcResponse
{
    public static bool WriteResult(Utf8JsonWriter writer, JsonElement id, RpcMethod method, object? result)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        WriteId(writer, id);
        writer.WritePropertyName("result"u8);
        method.WriteResult(writer, result);
        writer.WriteEndObject();
        return true;
    }

    public static bool WriteError(Utf8JsonWriter writer, JsonElement id, int code, string message, JsonNode? data = null)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        WriteId(writer, id);
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, message);
        if (data is not null)
        {
            writer.WritePropertyName("data"u8);
            data.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        return true;
    }

    public static bool WriteInternalError(Utf8JsonWriter writer, JsonElement id, string correlationId) =>
        WriteError(writer, id, ErrorCodes.InternalError, "internal error", new JsonObject { ["correlation_id"] = correlationId });

    private static void WriteId(Utf8JsonWriter writer, JsonElement id)
    {
        writer.WritePropertyName("id"u8);
        if (id.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            id.WriteTo(writer);
        }
    }
}
