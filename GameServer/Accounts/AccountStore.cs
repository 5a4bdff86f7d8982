using GameServer.Storage;
using LiteDB;

namespace GameServer.Accounts;

/// <summary>The <c>users</c> and <c>auth_tokens</c> collections.</summary>
public sealed class AccountStore(GameDatabase database)
{
    internal const string UsersCollection = "users";

    private readonly ILiteCollection<User> _users = database.Collection<User>(UsersCollection);
    private readonly ILiteCollection<AuthToken> _tokens = database.Collection<AuthToken>("auth_tokens");

    public User? FindUser(int id) => _users.FindById(id);

    public User? FindUserByName(string username) =>
        _users.FindOne(u => u.NormalizedUsername == User.Normalize(username));

    public IReadOnlyList<User> AllUsers() => _users.FindAll().ToList();

    /// <summary>Every user's id and name, read without the rest of the document, in id order.</summary>
    public IEnumerable<(int Id, string Username)> AllUserNames() =>
        _users.Query().OrderBy(u => u.Id).Select(u => new { u.Id, u.Username }).ToEnumerable().Select(u => (u.Id, u.Username));

    /// <summary>Inserts the user; a name taken in any case is refused by the unique index.</summary>
    public void Insert(User user) => _users.Insert(user);

    public void Update(User user) => _users.Update(user);

    public void Insert(AuthToken token) => _tokens.Insert(token);

    public AuthToken? FindToken(string tokenHash) => _tokens.FindOne(t => t.TokenHash == tokenHash);

    public bool DeleteToken(string tokenHash) => _tokens.DeleteMany(t => t.TokenHash == tokenHash) > 0;

    public int DeleteTokensExpiredBefore(DateTime now) => _tokens.DeleteMany(t => t.ExpiresAt < now);

    public int DeleteTokensOf(int userId) => _tokens.DeleteMany(t => t.UserId == userId);
}

/// <summary>Schema version 1: unique user names ignoring case; tokens found by their hash.</summary>
public sealed class AccountIndexesMigration : IMigration
{
    public int Version => 1;

    public string Description => "accounts: unique normalized usernames, token hash index";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<User>(AccountStore.UsersCollection).EnsureIndex(u => u.NormalizedUsername, unique: true);
        var tokens = database.Collection<AuthToken>("auth_tokens");
        tokens.EnsureIndex(t => t.TokenHash, unique: true);
        tokens.EnsureIndex(t => t.UserId);
    }
}
