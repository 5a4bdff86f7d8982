using System.Net.WebSockets;
using System.Text.Unicode;
using System.Text.Json;
using GameServer.Protocol.JsonRpc;

namespace GameServer.Tests.Realtime.Fuzz;

/// <summary>What the server sent back for one frame, up to the sentinel ping that follows it.</summary>
public sealed record Exchange(IReadOnlyList<byte[]> Answers, WebSocketCloseStatus? CloseStatus, bool Closed);

/// <summary>
/// The rules every answer keeps: valid JSON-RPC 2.0 (a response echoing an id the frame carried, or null;
/// an error with an integer code), the answer the spec asks for where the frame decides it, or a close
/// with a code docs/protocol.md documents.
/// </summary>
public static class AnswerRules
{
    // The same reader settings as the server's: what it cannot parse, neither can the check.
    private static readonly JsonDocumentOptions ServerParsing = new() { MaxDepth = 64 };

    /// <summary>Returns why the exchange broke a rule, or null when it kept them all.</summary>
    public static string? Check(FuzzFrame frame, Exchange exchange, int maxMessageSize, IReadOnlySet<int> documentedCloseCodes)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(documentedCloseCodes);
        var responses = new List<JsonElement>();
        foreach (var answer in exchange.Answers)
        {
            JsonElement root;
            try
            {
                root = JsonDocument.Parse(answer).RootElement;
            }
            catch (JsonException e)
            {
                return $"an answer is not valid JSON ({e.Message})";
            }

            if (IsNotification(root))
            {
                continue;
            }

            if (ShapeError(root) is { } shape)
            {
                return $"an answer is not a JSON-RPC 2.0 response: {shape}: {root}";
            }

            responses.Add(root);
        }

        if (responses.Count > 1)
        {
            return $"{responses.Count} answers to one frame";
        }

        var response = responses.Count == 1 ? responses[0] : (JsonElement?)null;
        if (ExpectedClose(frame, maxMessageSize) is { } expected)
        {
            // The WebSocket layer closes on invalid UTF-8 and drops the connection at once, so a reset may overtake its 1007.
            var resetInstead = expected == WebSocketCloseStatus.InvalidPayloadData && exchange.Closed && exchange.CloseStatus is null;
            return (exchange.CloseStatus == expected || resetInstead) && response is null ? null : $"expected a close with {(int)expected}, got {Describe(exchange)} and {response}";
        }

        if (exchange.Closed)
        {
            return exchange.CloseStatus is { } status && documentedCloseCodes.Contains((int)status) && status is not (WebSocketCloseStatus.InvalidMessageType or WebSocketCloseStatus.MessageTooBig or WebSocketCloseStatus.InvalidPayloadData)
                ? null
                : $"closed with {Describe(exchange)}, which docs/protocol.md does not document for such a frame";
        }

        return CheckAgainstFrame(frame.Payload, response);
    }

    /// <summary>The close a frame must get whatever its content: 1003 for binary, 1009 over the limit, 1007 for text that is not UTF-8.</summary>
    private static WebSocketCloseStatus? ExpectedClose(FuzzFrame frame, int maxMessageSize)
    {
        if (frame.Type == WebSocketMessageType.Binary)
        {
            return WebSocketCloseStatus.InvalidMessageType;
        }

        if (frame.Payload.Length > maxMessageSize)
        {
            return WebSocketCloseStatus.MessageTooBig;
        }

        return Utf8.IsValid(frame.Payload) ? null : WebSocketCloseStatus.InvalidPayloadData;
    }

    private static string? CheckAgainstFrame(byte[] payload, JsonElement? response)
    {
        JsonDocument sent;
        try
        {
            sent = JsonDocument.Parse(payload, ServerParsing);
        }
        catch (JsonException)
        {
            return IsError(response, ErrorCodes.ParseError, nullId: true) ? null : $"expected a -32700 parse error with a null id, got {response}";
        }

        using (sent)
        {
            var root = sent.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 0)
            {
                return IsError(response, ErrorCodes.InvalidRequest, nullId: true) ? null : $"expected -32600 for an empty batch, got {response}";
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                // Either the members' answers in one array, or the whole batch refused with one error.
                var ids = root.EnumerateArray().Select(IdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
                return response switch
                {
                    null => null,
                    { ValueKind: JsonValueKind.Array } answers when answers.GetArrayLength() > root.GetArrayLength() => "more answers than batch members",
                    { ValueKind: JsonValueKind.Array } answers => answers.EnumerateArray().Select(a => EchoError(a, ids)).FirstOrDefault(e => e is not null),
                    { } single when single.TryGetProperty("error", out _) => EchoError(single, ids),
                    _ => $"a batch answered with a single result: {response}",
                };
            }

            if (response is { ValueKind: JsonValueKind.Array })
            {
                return "an array answered a frame that was not a batch";
            }

            var id = IdOf(root);
            if (response is null)
            {
                return IsRequestWithId(root) ? $"no answer to a request with id {id}" : null;
            }

            return EchoError(response.Value, id is null ? new HashSet<string>() : new HashSet<string> { id });
        }
    }

    private static bool IsNotification(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("id", out _) && root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String
        && root.TryGetProperty("jsonrpc", out var version) && version.ValueEquals("2.0");

    private static string? ShapeError(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.GetArrayLength() == 0 ? "an empty array" : root.EnumerateArray().Select(ShapeError).FirstOrDefault(e => e is not null);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "not an object";
        }

        if (!root.TryGetProperty("jsonrpc", out var version) || !version.ValueEquals("2.0"))
        {
            return "jsonrpc is not \"2.0\"";
        }

        if (!root.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
        {
            return "no id, or an id that is not a string, number or null";
        }

        var hasResult = root.TryGetProperty("result", out _);
        var hasError = root.TryGetProperty("error", out var error);
        if (hasResult == hasError)
        {
            return "not exactly one of result and error";
        }

        return !hasError || (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
            && code.TryGetInt32(out _) && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            ? null
            : "an error without an integer code and a string message";
    }

    private static string? EchoError(JsonElement response, IReadOnlySet<string> ids)
    {
        var id = IdOf(response);
        return id is null || ids.Contains(id) ? null : $"an answer with id {id}, which the frame did not carry";
    }

    private static bool IsError(JsonElement? response, int code, bool nullId) =>
        response is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("error", out var error) && error.GetProperty("code").GetInt32() == code
        && (!nullId || r.GetProperty("id").ValueKind == JsonValueKind.Null);

    private static bool IsRequestWithId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && IdOf(root) is not null && root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String
        && root.TryGetProperty("jsonrpc", out var version) && version.ValueKind == JsonValueKind.String && version.ValueEquals("2.0")
        && (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind is JsonValueKind.Object or JsonValueKind.Array);

    /// <summary>An id as a comparable key (strings by value, numbers by their text), or null for none or null.</summary>
    private static string? IdOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("id", out var id))
        {
            return null;
        }

        return id.ValueKind switch
        {
            JsonValueKind.Number => "n:" + id.GetRawText(),
            JsonValueKind.String => "s:" + StringOrRaw(id),
            _ => null,
        };
    }

    private static string StringOrRaw(JsonElement text)
    {
        try
        {
            return text.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return text.GetRawText();
        }
    }

    private static string Describe(Exchange exchange) => exchange.Closed ? $"close {(exchange.CloseStatus is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "without a status")}" : "no close";
}
