using GameServer.Protocol.Chat;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Storage;

/// <summary>
/// Every collection exists before the server serves: LiteDB closed the whole database when the first
/// <c>chat.send</c> created the chat's collection while a <c>chat.history</c> read it (the protocol fuzz
/// hit it: "page type must be collection page", LiteDB issue #2792).
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class CollectionsAtStartTests
{
    [Test]
    public async Task A_new_database_has_the_collections_made_lazily_before_and_the_first_message_is_still_1()
    {
        await using var server = await InProcessServer.StartAsync(InProcessServer.OnLiteDb);
        var database = server.Services.GetRequiredService<GameDatabase>();

        Assert.That(database.CollectionNames(), Is.SupersetOf(new[] { "chat_messages", "analytics_days" }));

        var (client, _) = await server.ConnectAsUserAsync();
        var message = await client.SendChatAsync("first");
        Assert.That(message.Id, Is.EqualTo(1), "making the collection used no id");
    }
}
