using System.Text;
using System.Text.Json;
using GameServer.Storage;
using GameServer.Storage.LiteDb;

namespace GameServer.Accounts;

/// <summary>Schema version 1: unique user names ignoring case; tokens found by their hash.</summary>
public sealed class AccountIndexesMigration : IMigration
{
    public int Version => 1;

    public string Description => "accounts: unique normalized usernames, token hash index";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<User>(LiteDbAccountStore.UsersCollection).EnsureIndex(u => u.NormalizedUsername, unique: true);
        var tokens = database.Collection<AuthToken>(LiteDbAccountStore.TokensCollection);
        tokens.EnsureIndex(t => t.TokenHash, unique: true);
        tokens.EnsureIndex(t => t.UserId);
    }
}

/// <summary>
/// Schema version 7: every stored name follows the username rule. Before it, the rule's <c>$</c>
/// let <c>"admin\n"</c> register, shown as "admin" everywhere. Such a name is not renamed behind
/// the operator's back: the server lists them and refuses to start until they are dealt with.
/// </summary>
public sealed class UsernameRuleMigration : IMigration
{
    private const int MaxListed = 20;

    public int Version => 7;

    public string Description => "accounts: every stored username follows the username rule";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var offending = database.Collection<User>(LiteDbAccountStore.UsersCollection).Query().OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Username }).ToEnumerable()
            .Where(u => !AccountService.IsValidUsername(u.Username)).ToList();
        if (offending.Count == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(offending.Count).Append(" stored username(s) break the rule (3-32 characters of A-Z, a-z, 0-9, _, . and -): ")
            .AppendJoin(", ", offending.Take(MaxListed).Select(u => $"id {u.Id} {JsonSerializer.Serialize(u.Username)}"))
            .Append(offending.Count > MaxListed ? ", ..." : "")
            .Append(". They may impersonate other users. With the server stopped, rename each (its Username and NormalizedUsername, ")
            .Append("the name in upper case) or delete it in the 'users' collection of ").Append(database.FilePath)
            .Append(" (for example with LiteDB Studio), then start the server again.")
            .ToString();
        throw new StoredDataException(message);
    }
}

/// <summary>
/// Schema version 8: users carry <see cref="User.LastSeenAt"/>, indexed for the gift job. Existing
/// users are taken as seen when their latest token was issued, or else when they registered.
/// </summary>
public sealed class LastSeenMigration : IMigration
{
    public int Version => 8;

    public string Description => "accounts: users' last-seen time, from their latest token, indexed";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var users = database.Collection<User>(LiteDbAccountStore.UsersCollection);
        var latestToken = database.Collection<AuthToken>(LiteDbAccountStore.TokensCollection).FindAll()
            .GroupBy(t => t.UserId)
            .ToDictionary(g => g.Key, g => g.Max(t => t.CreatedAt.ToUniversalTime()));
        foreach (var user in users.FindAll().Where(u => u.LastSeenAt is null).ToList())
        {
            var seen = latestToken.TryGetValue(user.Id, out var at) ? at : user.CreatedAt.ToUniversalTime();
            users.UpdateMany(LiteDB.BsonExpression.Create("{ LastSeenAt: @0 }", new LiteDB.BsonValue(seen)), LiteDB.BsonExpression.Create("_id = @0", new LiteDB.BsonValue(user.Id)));
        }

        users.EnsureIndex(u => u.LastSeenAt);
    }
}
