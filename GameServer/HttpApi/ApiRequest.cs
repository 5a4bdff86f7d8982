using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GameServer.Realtime.JsonRpc;

namespace GameServer.HttpApi;

/// <summary>
/// Reads HTTP API request bodies with the same field-naming validation as JSON-RPC params. Their size
/// is bounded by Kestrel's request-body limit while reading (chunked or not), which throws
/// <see cref="BadHttpRequestException"/> with 413; <see cref="ApiResponse"/> answers it.
/// </summary>
public static class ApiRequest
{
    /// <summary>Reads the body as <typeparamref name="T"/>; a body that is not JSON is a 400 naming no field.</summary>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            throw new RpcException(Protocol.JsonRpc.ErrorCodes.ParseError, "the body is not valid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RpcException(Protocol.JsonRpc.ErrorCodes.InvalidRequest, "the body must be a JSON object");
            }

            return ParamsReader.Read(document.RootElement, typeInfo);
        }
    }
}
