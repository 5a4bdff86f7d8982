using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Realtime.JsonRpc;

/// <summary>
/// Reads a request's params (or an HTTP body) into its contract record and turns every way that can fail into
/// -32602 naming the field, so that clients learn which value to fix.
/// </summary>
public static class ParamsReader
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    public static T Read<T>(JsonElement parameters, JsonTypeInfo<T> typeInfo)
    {
        var source = parameters.ValueKind == JsonValueKind.Undefined ? EmptyObject : parameters;
        try
        {
            return source.Deserialize(typeInfo) ?? throw RpcException.InvalidParams("params", "must be an object");
        }
        catch (JsonException e)
        {
            throw Describe(e, source, typeInfo);
        }
    }

    private static RpcException Describe(JsonException error, JsonElement source, JsonTypeInfo typeInfo)
    {
        var field = error.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (field is null)
        {
            // The record as a whole failed: most often a required constructor parameter was left out.
            var missing = typeInfo.Properties.FirstOrDefault(p =>
                p.AssociatedParameter is { HasDefaultValue: false } && !source.TryGetProperty(p.Name, out _));
            return missing is not null
                ? RpcException.InvalidParams(missing.Name, "is required")
                : RpcException.InvalidParams("params", "must be an object with the method's fields");
        }

        var property = typeInfo.Properties.FirstOrDefault(p => p.Name == field.Split('.', '[')[0]);
        return RpcException.InvalidParams(field, property is null ? "has the wrong type" : $"must be {Describe(property)}");
    }

    private static string Describe(JsonPropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var nullable = property.IsSetNullable ? " or null" : "";
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => "a string" + nullable,
            TypeCode.Boolean => "true or false" + nullable,
            TypeCode.Int32 or TypeCode.Int64 or TypeCode.Int16 => "an integer" + nullable,
            TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "a number" + nullable,
            _ when type.IsArray || type.IsGenericType => "an array" + nullable,
            _ => "a value of the right type" + nullable,
        };
    }
}
