using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using GameServer.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Realtime.Fuzz;

/// <summary>
/// The stored data a fuzz may only change through valid requests: users, items, inventories and their
/// links, chat messages, monsters. Holds what the frames asked for, to explain every change.
/// </summary>
public sealed class StoredData
{
    private readonly Dictionary<string, Dictionary<int, JsonObject>> _collections;

    private StoredData(Dictionary<string, Dictionary<int, JsonObject>> collections) => _collections = collections;

    /// <summary>Reads the tables through the stores' record sets, so it sees the same on either provider.</summary>
    public static StoredData Read(IServiceProvider services)
    {
        var sets = services.GetServices<IRecordSource>().SelectMany(s => s.RecordSets).ToDictionary(s => s.Name);
        string[] names = ["users", "items", "inventories", "inventory_items", "chat_messages", "monsters"];
        return new StoredData(names.ToDictionary(
            name => name,
            name => sets[name].ReadAll()
                .Select(record => JsonSerializer.SerializeToNode(record, sets[name].RecordType)!.AsObject())
                .ToDictionary(record => record["Id"]!.GetValue<int>())));
    }

    /// <summary>Why <paramref name="after"/> differs from this beyond what <paramref name="asked"/> explains, or null.</summary>
    public string? UnexplainedChanges(StoredData after, WritesAskedFor asked)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(asked);
        var problems = new List<string>();
        foreach (var name in new[] { "items", "inventory_items" })
        {
            if (!SameDocuments(_collections[name], after._collections[name]))
            {
                problems.Add($"{name} changed, and no fuzz caller may change them");
            }
        }

        var users = _collections["users"];
        foreach (var (id, user) in after._collections["users"])
        {
            if (users.TryGetValue(id, out var old))
            {
                if (!SameFields(old, user, "Username", "IsAdmin", "PasswordHash"))
                {
                    problems.Add($"user {id} ({Text(old, "Username")}) changed");
                }
            }
            else if (user["IsAdmin"]!.GetValue<bool>() || !asked.Registrations.ContainsKey(Text(user, "Username").ToUpperInvariant()))
            {
                problems.Add($"user {id} ({Text(user, "Username")}) appeared without a valid auth.register for it");
            }
        }

        var newUsers = after._collections["users"].Keys.Except(users.Keys).ToHashSet();
        foreach (var (id, inventory) in after._collections["inventories"])
        {
            if (!_collections["inventories"].ContainsKey(id) && !newUsers.Contains(inventory["User"]!.GetValue<int>()))
            {
                problems.Add($"inventory {id} appeared for a user that is not new");
            }
        }

        foreach (var (id, message) in after._collections["chat_messages"])
        {
            if (!_collections["chat_messages"].ContainsKey(id) && !asked.ChatTexts.ContainsKey(Text(message, "Text")))
            {
                problems.Add($"chat message {id} ({Text(message, "Text")}) appeared without a chat.send of that text");
            }
        }

        if (!after._collections["monsters"].Keys.ToHashSet().SetEquals(_collections["monsters"].Keys))
        {
            problems.Add("monsters were created or deleted, and no fuzz caller may");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems.Take(10));
    }

    public int Count(string collection) => _collections[collection].Count;

    private static bool SameDocuments(Dictionary<int, JsonObject> before, Dictionary<int, JsonObject> after) =>
        before.Count == after.Count && before.All(pair => after.TryGetValue(pair.Key, out var other) && JsonNode.DeepEquals(other, pair.Value));

    private static bool SameFields(JsonObject before, JsonObject after, params string[] fields) =>
        fields.All(field => JsonNode.DeepEquals(before[field], after[field]));

    private static string Text(JsonObject record, string field) => record[field]!.GetValue<string>();
}

/// <summary>The writes the frames asked for: registrations (by upper-cased name) and chat texts (trimmed).</summary>
public sealed class WritesAskedFor
{
    public ConcurrentDictionary<string, bool> Registrations { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> ChatTexts { get; } = new(StringComparer.Ordinal);

    /// <summary>Notes the writes a frame asks for, whatever its shape: every request object in it, batch members included.</summary>
    public void Note(FuzzFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Type != System.Net.WebSockets.WebSocketMessageType.Text)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(frame.Payload, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            foreach (var call in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : Enumerable.Repeat(root, 1))
            {
                NoteCall(call);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the server cannot act on it either.
        }
    }

    private void NoteCall(JsonElement call)
    {
        if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var hasMethod = call.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String;
        var registers = hasMethod && method.ValueEquals("auth.register");
        var sends = hasMethod && method.ValueEquals("chat.send");
        foreach (var field in parameters.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            try
            {
                var value = field.Value.GetString()!;
                if (registers && field.NameEquals("username"))
                {
                    Registrations.TryAdd(value.ToUpperInvariant(), true);
                }
                else if (sends && field.NameEquals("text"))
                {
                    ChatTexts.TryAdd(value.Trim(), true);
                }
            }
            catch (InvalidOperationException)
            {
                // A lone surrogate: no valid request carries it.
            }
        }
    }
}
