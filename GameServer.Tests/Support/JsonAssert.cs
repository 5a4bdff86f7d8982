using System.Text.Json;

namespace GameServer.Tests.Support;

/// <summary>Short assertions on JSON-RPC answers read as <see cref="JsonElement"/>.</summary>
public static class JsonAssert
{
    public static void IsError(JsonElement response, int code, object? id = null)
    {
        Assert.That(response.GetProperty("jsonrpc").GetString(), Is.EqualTo("2.0"));
        Assert.That(response.TryGetProperty("result", out _), Is.False, "an error answer has no result");
        Assert.That(response.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(code), response.ToString());
        var actualId = response.GetProperty("id");
        switch (id)
        {
            case null:
                Assert.That(actualId.ValueKind, Is.EqualTo(JsonValueKind.Null));
                break;
            case int number:
                Assert.That(actualId.GetInt32(), Is.EqualTo(number));
                break;
            case string text:
                Assert.That(actualId.GetString(), Is.EqualTo(text));
                break;
        }
    }

    public static string? ErrorField(JsonElement response) =>
        response.GetProperty("error").TryGetProperty("data", out var data) && data.TryGetProperty("field", out var field)
            ? field.GetString()
            : null;
}
