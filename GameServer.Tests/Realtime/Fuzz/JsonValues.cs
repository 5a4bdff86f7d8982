using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GameServer.Tests.Realtime.Fuzz;

/// <summary>JSON values for params: plausible ones that reach the handlers, and hostile ones that try their edges.</summary>
public sealed class JsonValues(Random random, IReadOnlyList<string> usernames)
{
    private static readonly string[] HostileNumbers =
    [
        "0", "-1", "-0", "0.5", "1e11", "5e4", "1e308", "-1e308", "1.7976931348623157e308", "1e400", "-1e400", "1e-400",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "123456789012345678901234567890",
        "4.9e-324", "100000000000000000000000000000000000000000000000000",
    ];

    private static readonly string[] HostileStrings =
    [
        "", " ", "admin", "admin\n", "ADMIN", "Admin ", "\u0000", "a\u0000b", "😀😀😀", "\u202Eadmin", "\u200Badmin", "e\u0301",
        "../../etc/passwd", "<script>alert(1)</script>", "null", "1e11", "%s%n%x", "'; DROP TABLE users; --", "\t\r\n",
        "NaN", "Infinity", "-Infinity", "true",
    ];

    private static readonly string[] HostileRaw =
    [
        "true", "false", "null", "[]", "{}", "[1,2,3]", "{\"a\":1}", "[null]", "{\"\":\"\"}",
        "\"\\u0000\"", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
        "\"\\ud800\"", "\"\\udfff\\ud800\"",
    ];

    private static readonly string[] Transitions = ["attack", "wander", "evade", "look_for_aid", "fly", "ATTACK", ""];

    /// <summary>A value for <paramref name="field"/>: plausible six times in ten, hostile otherwise.</summary>
    public string For(string field) => random.Next(10) < 6 ? Plausible(field) : Hostile();

    public string Hostile() => random.Next(6) switch
    {
        0 or 1 => Pick(HostileNumbers),
        2 => String(Pick(HostileStrings)),
        3 => String(new string((char)random.Next('a', 'z' + 1), random.Next(200, 3000))),
        4 => Pick(HostileRaw),
        _ => Nested(random.Next(2, 40)),
    };

    public string Nested(int depth)
    {
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var text = new StringBuilder();
        text.Insert(0, open, depth).Append('1').Insert(text.Length, close, depth);
        return text.ToString();
    }

    public string Plausible(string field) => field switch
    {
        "username" => String(random.Next(3) == 0 ? Pick(usernames) : $"fz{random.Next(1_000_000)}"),
        "password" => String(random.Next(2) == 0 ? "correct horse battery" : new string('p', random.Next(0, 20))),
        "token" => String(Convert.ToBase64String(RandomBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')),
        "id" or "inventory" or "item" or "user" => Number(random.Next(0, 30)),
        "is_admin" => random.Next(2) == 0 ? "true" : "false",
        "name" or "text" => String($"fuzz {random.Next(1000)}"),
        "weight" or "position_x" or "position_y" => Number(random.NextDouble() * 100),
        "offset" or "limit" or "page" or "page_size" or "health_points" => Number(random.Next(0, 300)),
        "radius" => Number(random.NextDouble() * 50),
        "dx" or "dy" => Number((random.NextDouble() * 2) - 1),
        "transition" => String(Pick(Transitions)),
        _ => Hostile(),
    };

    public T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

    public static string String(string value) => JsonSerializer.Serialize(value);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
