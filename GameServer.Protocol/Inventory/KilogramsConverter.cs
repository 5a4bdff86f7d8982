using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GameServer.Protocol.Inventory;

/// <summary>
/// Writes weights as the original API did (<c>2.0</c>, never <c>2</c>), so its clients see the same
/// JSON; reads any JSON number. Infinity and NaN are not JSON numbers: writing one throws rather than
/// sending <c>Infinity.0</c>, which no client parses.
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
        if (!double.IsFinite(value))
        {
            throw new JsonException($"a weight must be a finite number to be written as JSON, not {value.ToString(CultureInfo.InvariantCulture)}");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);

        // Validated by the writer: raw text is never trusted to be JSON.
        writer.WriteRawValue(text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0");
    }
}
