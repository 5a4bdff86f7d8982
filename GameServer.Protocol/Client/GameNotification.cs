using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Protocol.Client;

/// <summary>A notification pushed by the server: a method name and its parameters.</summary>
/// <param name="Method">The notification's method, for example <c>inventory.item_added</c>.</param>
/// <param name="Params">Its parameters, detached from the receive buffer.</param>
public sealed record GameNotification(string Method, JsonElement Params)
{
    /// <summary>Reads the parameters as a contract record.</summary>
    public T Read<T>(JsonTypeInfo<T> typeInfo) =>
        Params.Deserialize(typeInfo) ?? throw new JsonException($"{Method} carried null params");
}
