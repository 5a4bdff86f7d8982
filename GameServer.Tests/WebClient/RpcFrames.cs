using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace GameServer.Tests.WebClient;

/// <summary>
/// The calls a page sent over its socket, each with the answer the server gave: what a test checks
/// to know the page asked the server for a page of data, not only that the DOM looks right.
/// </summary>
public sealed class RpcFrames
{
    private readonly ConcurrentDictionary<long, Call> _calls = new();

    /// <summary>A call: its method, its params (an empty object when it had none) and the answer's result, once it came.</summary>
    public sealed record Call(string Method, JsonObject Params)
    {
        public JsonNode? Result { get; set; }
    }

    /// <summary>The calls of <paramref name="method"/> answered so far, in the order they were sent.</summary>
    public IReadOnlyList<Call> Answered(string method) =>
        // ToArray is the dictionary's own snapshot; LINQ's copy of it throws when a call is added meanwhile.
        [.. _calls.ToArray().OrderBy(c => c.Key).Select(c => c.Value).Where(c => c.Method == method && c.Result is not null)];

    internal void Sent(string? text)
    {
        if (text is null || JsonNode.Parse(text) is not JsonObject message || message["id"] is not JsonValue id || message["method"] is not JsonValue method)
        {
            return;
        }

        _calls[id.GetValue<long>()] = new Call(method.GetValue<string>(), message["params"] as JsonObject ?? []);
    }

    internal void Received(string? text)
    {
        var node = text is null ? null : JsonNode.Parse(text);
        foreach (var message in node is JsonArray batch ? [.. batch] : new[] { node })
        {
            if (message is JsonObject answer && answer["id"] is JsonValue id && _calls.TryGetValue(id.GetValue<long>(), out var call))
            {
                call.Result = answer["result"]?.DeepClone();
            }
        }
    }

    /// <summary>A param as text, or null when the call had none of that name.</summary>
    public static string? Text(Call call, string name)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Params[name]?.ToString();
    }
}
