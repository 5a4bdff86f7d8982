using System.Collections.Concurrent;
using System.Text.Json;
using GameServer.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Realtime.Fuzz;

/// <summary>
/// The stored data a fuzz may only change through valid requests: users, items, inventories and their
/// links, chat messages, monsters. Holds what the frames asked for, to explain every change.
/// </summary>
public sealed class StoredData
{
    private readonly Dictionary<string, Dictionary<int, BsonDocument>> _collections;

    private StoredData(Dictionary<string, Dictionary<int, BsonDocument>> collections) => _collections = collections;

    public static StoredData Read(IServiceProvider services)
    {
        var database = services.GetRequiredService<GameDatabase>();
        string[] names = ["users", "items", "inventories", "inventory_items", "chat_messages", "monsters"];
        return new StoredData(names.ToDictionary(
            name => name,
            name => database.Collection<BsonDocument>(name).FindAll().ToDictionary(d => d["_id"].AsInt32)));
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
                if (old["Username"] != user["Username"] || old["IsAdmin"] != user["IsAdmin"] || old["PasswordHash"] != user["PasswordHash"])
                {
                    problems.Add($"user {id} ({old["Username"].AsString}) changed");
                }
            }
            else if (user["IsAdmin"].AsBoolean || !asked.Registrations.ContainsKey(user["Username"].AsString.ToUpperInvariant()))
            {
                problems.Add($"user {id} ({user["Username"].AsString}) appeared without a valid auth.register for it");
            }
        }

        var newUsers = after._collections["users"].Keys.Except(users.Keys).ToHashSet();
        foreach (var (id, inventory) in after._collections["inventories"])
        {
            if (!_collections["inventories"].ContainsKey(id) && !newUsers.Contains(inventory["User"].AsInt32))
            {
                problems.Add($"inventory {id} appeared for a user that is not new");
            }
        }

        foreach (var (id, message) in after._collections["chat_messages"])
        {
            if (!_collections["chat_messages"].ContainsKey(id) && !asked.ChatTexts.ContainsKey(message["Text"].AsString))
            {
                problems.Add($"chat message {id} ({message["Text"].AsString}) appeared without a chat.send of that text");
            }
        }

        if (!after._collections["monsters"].Keys.ToHashSet().SetEquals(_collections["monsters"].Keys))
        {
            problems.Add("monsters were created or deleted, and no fuzz caller may");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems.Take(10));
    }

    public int Count(string collection) => _collections[collection].Count;

    private static bool SameDocuments(Dictionary<int, BsonDocument> before, Dictionary<int, BsonDocument> after) =>
        before.Count == after.Count && before.All(pair => after.TryGetValue(pair.Key, out var other) && other == pair.Value);
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
