using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GameServer.Protocol.Inventory;

/// <summary>
/// Writes weights as the original API did (<c>2.0</c>, never <c>2</c>), so its clients see the same
/// JSON; reads any JSON number.
/// </summary>
public sealed class KilogramsConverter : JsonConverter<double>
{
    /// <inheritdoc/>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException("weight must be a number");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0", skipInputValidation: true);
    }
}
