using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Realtime;

/// <summary>Serialises a JSON-RPC notification once, so the same bytes can go to every recipient.</summary>
public static class Notification
{
    /// <summary>Builds <c>{"jsonrpc":"2.0","method":...,"params":...}</c>.</summary>
    public static OutboundMessage Create<TParams>(string method, TParams parameters, JsonTypeInfo<TParams> paramsInfo)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(paramsInfo);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteString("method"u8, method);
            writer.WritePropertyName("params"u8);
            JsonSerializer.Serialize(writer, parameters, paramsInfo);
            writer.WriteEndObject();
        }

        return OutboundMessage.Shared(buffer.WrittenMemory, method);
    }
}
