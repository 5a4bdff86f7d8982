using System.Text.Json;
using GameServer.Protocol;
using GameServer.Protocol.Inventory;

namespace GameServer.Tests.Inventory;

[Category("Unit")]
public sealed class KilogramsConverterTests
{
    [TestCase(2.0, "2.0")]
    [TestCase(10, "10.0")]
    [TestCase(0, "0.0")]
    [TestCase(0.1, "0.1")]
    [TestCase(1e21, "1E+21")]
    public void Weights_are_written_with_a_decimal_point_like_the_original(double weight, string expected)
    {
        var json = JsonSerializer.Serialize(new Item(1, "x", weight), GameJsonContext.Default.Item);

        Assert.That(json, Is.EqualTo($$"""{"id":1,"name":"x","weight":{{expected}}}"""));
        Assert.That(JsonSerializer.Deserialize(json, GameJsonContext.Default.Item)!.Weight, Is.EqualTo(weight));
    }

    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(double.NaN)]
    public void A_weight_that_is_not_finite_throws_instead_of_writing_invalid_json(double weight)
    {
        // The converter once wrote raw text unchecked: the sum of two 1e308 kg items went out as "Infinity.0".
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(new Item(1, "x", weight), GameJsonContext.Default.Item));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(new MyInventory(1, 1, [], weight), GameJsonContext.Default.MyInventory));
    }
}
