using System.Net.WebSockets;
using System.Text;

namespace GameServer.Tests.Realtime.Fuzz;

/// <summary>
/// Generates JSON-RPC frames from one seeded <see cref="Random"/>: requests of every method with plausible
/// and hostile params, batches, mutations of valid frames, deep nesting, wrong shapes, odd Unicode, invalid
/// UTF-8, binary frames and frames over the size limit. The same seed gives the same frames.
/// </summary>
public sealed class FrameGenerator(Random random, IReadOnlyList<string> methods, IReadOnlyList<string> usernames, int maxMessageSize)
{
    // Fields each method reads; a method the table gained since gets the whole pool.
    private static readonly Dictionary<string, string[]> FieldsOf = new(StringComparer.Ordinal)
    {
        ["auth.register"] = ["username", "password"],
        ["auth.login"] = ["username", "password"],
        ["auth.resume"] = ["token"],
        ["users.set_admin"] = ["id", "is_admin"],
        ["users.set_password"] = ["id", "password"],
        ["items.list"] = ["offset", "limit", "page", "page_size"],
        ["items.create"] = ["name", "weight"],
        ["items.update"] = ["id", "name", "weight"],
        ["inventories.list"] = ["username", "page", "page_size"],
        ["inventories.add_item"] = ["inventory", "item"],
        ["inventories.remove_item"] = ["inventory", "item"],
        ["players.subscribe"] = ["radius"],
        ["players.move"] = ["dx", "dy"],
        ["chat.send"] = ["text"],
        ["chat.history"] = ["limit"],
        ["monsters.create"] = ["position_x", "position_y", "health_points"],
        ["monsters.update"] = ["id", "health_points", "position_x", "position_y"],
        ["monsters.transition"] = ["id", "transition", "user"],
    };

    private static readonly string[] NoFields = [];
    private static readonly string[] AllFields = [.. FieldsOf.Values.SelectMany(f => f).Distinct(), "id", "unknown_field"];
    private static readonly string[] UnknownMethods = ["no.such", "system", "system.ping.", "SYSTEM.PING", "", " system.ping", "rpc.discover"];
    private static readonly string[] OddText =
    [
        "\uFEFF", "😀", "\u202E", "\u200B", "e\u0301", "\u0000", "\uFFFF", "𝕳", "\u2028", "中文", "\u00A0", "ﷺ",
    ];

    private readonly JsonValues _values = new(random, usernames);
    private int _nextId;

    public FuzzFrame Next()
    {
        var roll = random.Next(1000);
        return roll switch
        {
            < 330 => FuzzFrame.Text(FrameKind.Request, Request(withId: true)),
            < 380 => FuzzFrame.Text(FrameKind.Notification, Request(withId: false)),
            < 500 => FuzzFrame.Text(FrameKind.Batch, Batch(random.Next(1, 8))),
            < 515 => FuzzFrame.Text(FrameKind.OversizedBatch, Batch(random.Next(21, 80))),
            < 525 => FuzzFrame.Text(FrameKind.EmptyBatch, random.Next(2) == 0 ? "[]" : " [ ] "),
            < 725 => FuzzFrame.Text(FrameKind.Mutated, Mutate(random.Next(3) == 0 ? Batch(random.Next(1, 4)) : Request(withId: true))),
            < 765 => FuzzFrame.Text(FrameKind.DeepNesting, DeepNesting()),
            < 870 => FuzzFrame.Text(FrameKind.WrongShape, WrongShape()),
            < 925 => FuzzFrame.Text(FrameKind.Unicode, Unicode()),
            < 940 => FuzzFrame.Text(FrameKind.Blank, _values.Pick(["", " ", "\n", "\t\r\n "])),
            < 960 => InvalidUtf8(),
            < 980 => Binary(),
            _ => OverSizeLimit(),
        };
    }

    private string Method()
    {
        var roll = random.Next(100);
        var method = roll < 5 ? _values.Pick(UnknownMethods) : _values.Pick(methods);

        // Password hashing is slow by design; fewer auth calls keep the run bounded without leaving them out.
        return method is "auth.register" or "auth.login" && random.Next(3) != 0 ? "system.ping" : method;
    }

    private string Request(bool withId, string? method = null)
    {
        method ??= Method();
        var text = new StringBuilder("{\"jsonrpc\":\"2.0\"");
        if (withId)
        {
            var id = Interlocked.Increment(ref _nextId);
            text.Append(",\"id\":").Append(random.Next(8) == 0 ? JsonValues.String($"f-{id}") : id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        text.Append(",\"method\":").Append(JsonValues.String(method));
        switch (random.Next(10))
        {
            case 0:
                break;
            case 1:
                text.Append(",\"params\":[").Append(_values.Hostile()).Append(']');
                break;
            default:
                text.Append(",\"params\":").Append(Params(method));
                break;
        }

        return text.Append('}').ToString();
    }

    private string Params(string method)
    {
        var fields = FieldsOf.GetValueOrDefault(method, method.StartsWith("system.", StringComparison.Ordinal) ? NoFields : AllFields);
        var chosen = fields.Where(_ => random.Next(8) != 0).ToList();
        if (random.Next(6) == 0)
        {
            chosen.Add(_values.Pick(AllFields));
        }

        return "{" + string.Join(",", chosen.Select(f => $"{JsonValues.String(f)}:{_values.For(f)}")) + "}";
    }

    private string Batch(int members) =>
        "[" + string.Join(",", Enumerable.Range(0, members).Select(_ => random.Next(12) switch
        {
            0 => _values.Hostile(),
            1 => Request(withId: false),
            _ => Request(withId: true),
        })) + "]";

    private string Mutate(string text)
    {
        var chars = new StringBuilder(text);
        for (var i = random.Next(1, 4); i > 0 && chars.Length > 0; i--)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(6))
            {
                case 0:
                    chars.Length = at;
                    break;
                case 1:
                    chars.Remove(at, Math.Min(random.Next(1, 8), chars.Length - at));
                    break;
                case 2:
                    chars.Insert(at, _values.Pick(["{", "}", "[", "]", "\"", ",", ":", "\\", "0", "-", "e", " ", "\u0000", "é", "😀", "\\u"]));
                    break;
                case 3:
                    chars.Insert(at, chars.ToString(at, Math.Min(random.Next(1, 30), chars.Length - at)));
                    break;
                case 4:
                    chars[at] = chars[random.Next(chars.Length)];
                    break;
                default:
                    chars[at] = char.IsAsciiDigit(chars[at]) ? (char)random.Next('0', '9' + 1) : (char)random.Next(32, 127);
                    break;
            }
        }

        return chars.ToString();
    }

    private string DeepNesting() => random.Next(3) switch
    {
        0 => _values.Nested(random.Next(50, 5000)),
        1 => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chat.history\",\"params\":{{\"limit\":{_values.Nested(random.Next(30, 200))}}}}}",
        _ => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\",\"params\":{{\"a\":{_values.Nested(random.Next(55, 70))}}}}}",
    };

    private string WrongShape()
    {
        var hostile = _values.Hostile();
        return random.Next(9) switch
        {
            0 => $"{{\"jsonrpc\":\"2.0\",\"id\":{hostile},\"method\":\"system.ping\"}}",
            1 => $"{{\"jsonrpc\":{hostile},\"id\":1,\"method\":\"system.ping\"}}",
            2 => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":{hostile}}}",
            3 => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":{JsonValues.String(Method())},\"params\":{hostile}}}",
            4 => hostile,
            5 => "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"system.ping\",\"method\":\"no.such\"}",
            6 => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":{JsonValues.String(new string('m', random.Next(100, 400)))}}}",
            7 => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system\\u002eping\"}",
            _ => "{\"jsonrpc\":\"2.0\",\"id\":1}",
        };
    }

    private string Unicode()
    {
        var odd = _values.Pick(OddText);
        return random.Next(4) switch
        {
            0 => odd + Request(withId: true, "system.ping"),
            1 => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping{odd}\"}}",
            2 => $"{{\"jsonrpc\":\"2.0\",\"id\":\"{odd}\",\"method\":\"chat.send\",\"params\":{{\"text\":\"{odd}{odd}\"}}}}",
            _ => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"auth.login\",\"params\":{{\"username\":\"admin{odd}\",\"password\":\"{odd}\"}}}}",
        };
    }

    private FuzzFrame InvalidUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Request(withId: true, "system.ping")).ToList();
        byte[][] bad = [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]];
        bytes.InsertRange(random.Next(bytes.Count + 1), _values.Pick(bad));
        return new FuzzFrame(FrameKind.InvalidUtf8, [.. bytes], WebSocketMessageType.Text);
    }

    private FuzzFrame Binary()
    {
        var bytes = random.Next(2) == 0 ? Encoding.UTF8.GetBytes(Request(withId: true)) : new byte[random.Next(0, 200)];
        random.NextBytes(bytes.AsSpan(0, random.Next(2) == 0 ? 0 : bytes.Length));
        return new FuzzFrame(FrameKind.Binary, bytes, WebSocketMessageType.Binary);
    }

    private FuzzFrame OverSizeLimit()
    {
        var padding = new string('x', maxMessageSize + random.Next(1, 20_000));
        return FuzzFrame.Text(FrameKind.OverSizeLimit, $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\",\"params\":{{\"pad\":\"{padding}\"}}}}");
    }
}
