using GameServer.Accounts;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Accounts;

/// <summary>Issue 10, finding 7: "admin\n" registered, because the rule's <c>$</c> matched before a final newline.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class UsernameRuleTests
{
    [TestCase("admin\n")]
    [TestCase("admin\r\n")]
    [TestCase("\nadmin")]
    public async Task A_username_with_a_trailing_newline_is_refused(string username)
    {
        await using var server = await InProcessServer.StartAsync();
        var client = await server.ConnectAsync();

        var error = Assert.ThrowsAsync<GameRpcException>(() => client.RegisterAsync(username, Some.Password));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Field, Is.EqualTo("username"));
    }

    [Test]
    public async Task A_stored_name_outside_the_rules_stops_the_server()
    {
        await using var server = await InProcessServer.StartAsync(InProcessServer.OnLiteDb);
        var (_, admin) = await server.ConnectAsAdminAsync("admin");

        // As a file written before the rule was anchored: the look-alike is stored, the schema older.
        var lookAlike = new User { Username = "admin\n", NormalizedUsername = "ADMIN\n", PasswordHash = "-", CreatedAt = DateTime.UtcNow };
        server.Services.GetRequiredService<GameDatabase>().Collection<User>(LiteDbAccountStore.UsersCollection).Insert(lookAlike);
        server.Services.GetRequiredService<GameDatabase>().SchemaVersion = new UsernameRuleMigration().Version - 1;

        var refused = Assert.ThrowsAsync<StoredDataException>(() => server.RestartAsync());

        Assert.That(refused.Message, Does.Contain($"id {lookAlike.Id} \"admin\\n\""), "names the offender, escaped");
        Assert.That(refused.Message, Does.Not.Contain($"id {admin.User.Id} "), "and only the offenders");
        Assert.That(refused.Message, Does.Contain("rename").And.Contain("then start the server again"), "says how to fix it");
        Assert.ThrowsAsync<StoredDataException>(() => server.RestartAsync(), "and refuses again at the next start");
    }
}
