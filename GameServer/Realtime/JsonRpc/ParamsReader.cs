using System.Runtime.InteropServices;
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

        // PostgreSQL cannot hold U+0000 in text, so no text may carry it, whichever store serves: refused
        // here for every method, naming the field. JSON can only write it as \u0000, so the walk runs rarely.
        if (JsonMarshal.GetRawUtf8Value(source).IndexOf(@"\u0000"u8) >= 0 && FieldWithNul(source, "params") is { } field)
        {
            throw RpcException.InvalidParams(field, "must not contain the character U+0000");
        }

        try
        {
            return source.Deserialize(typeInfo) ?? throw RpcException.InvalidParams("params", "must be an object");
        }
        catch (JsonException e)
        {
            throw Describe(e, source, typeInfo);
        }
    }

    private static string? FieldWithNul(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return HoldsNul(element) ? path : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var inner = path == "params" ? property.Name : $"{path}.{property.Name}";
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        return inner;
                    }

                    if (FieldWithNul(property.Value, inner) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FieldWithNul(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // A lone surrogate escape cannot be read as a string: left to the deserializer, which names the field.
    private static bool HoldsNul(JsonElement text)
    {
        try
        {
            return text.GetString()!.Contains('\0', StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
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
