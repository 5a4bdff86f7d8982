using GameServer.Storage;
using LiteDB;

namespace GameServer.Accounts;

/// <summary>The <c>users</c> and <c>auth_tokens</c> collections.</summary>
public sealed class AccountStore(GameDatabase database)
{
    internal const string UsersCollection = "users";
    internal const string TokensCollection = "auth_tokens";

    private readonly ILiteCollection<User> _users = database.Collection<User>(UsersCollection);
    private readonly ILiteCollection<AuthToken> _tokens = database.Collection<AuthToken>(TokensCollection);

    public User? FindUser(int id) => _users.FindById(id);

    public User? FindUserByName(string username) =>
        _users.FindOne(u => u.NormalizedUsername == User.Normalize(username));

    public IReadOnlyList<User> AllUsers() => _users.FindAll().ToList();

    /// <summary>Every user's id and name, read without the rest of the document, in id order.</summary>
    public IEnumerable<(int Id, string Username)> AllUserNames() =>
        _users.Query().OrderBy(u => u.Id).Select(u => new { u.Id, u.Username }).ToEnumerable().Select(u => (u.Id, u.Username));

    /// <summary>The id and name of every user seen at or after <paramref name="since"/>, found through the LastSeenAt index.</summary>
    public IEnumerable<(int Id, string Username)> UserNamesSeenSince(DateTime since) =>
        _users.Query().Where(u => u.LastSeenAt >= since).Select(u => new { u.Id, u.Username }).ToEnumerable().Select(u => (u.Id, u.Username));

    /// <summary>
    /// A page of the ids of the users whose name contains <paramref name="search"/>, ignoring case, in
    /// id order: a read of every user's normalized name, which no index can answer.
    /// </summary>
    public IReadOnlyList<int> IdsWithNameContaining(string search, int offset, int limit) =>
        limit == 0 ? [] : _users.Query().Where(NameContains(search)).OrderBy(u => u.Id).Select(u => u.Id).Skip(offset).Limit(limit).ToList();

    /// <summary>How many users have <paramref name="search"/> in their name, ignoring case.</summary>
    public int CountWithNameContaining(string search) => _users.Count(NameContains(search));

    public int CountAdmins() => _users.Count(u => u.IsAdmin);

    /// <summary>Inserts the user; a name taken in any case is refused by the unique index.</summary>
    public void Insert(User user) => _users.Insert(user);

    // The setters below change one field in place rather than writing back a whole document read
    // earlier: a login's slow hash must not put back an admin flag revoked meanwhile.
    public bool SetAdmin(int userId, bool isAdmin) => SetField(userId, nameof(User.IsAdmin), isAdmin);

    public bool SetPasswordHash(int userId, string passwordHash) => SetField(userId, nameof(User.PasswordHash), passwordHash);

    public bool SetLastSeen(int userId, DateTime at) => SetField(userId, nameof(User.LastSeenAt), at);

    public void Insert(AuthToken token) => _tokens.Insert(token);

    public AuthToken? FindToken(string tokenHash) => _tokens.FindOne(t => t.TokenHash == tokenHash);

    public bool DeleteToken(string tokenHash) => _tokens.DeleteMany(t => t.TokenHash == tokenHash) > 0;

    public int DeleteTokensExpiredBefore(DateTime now) => _tokens.DeleteMany(t => t.ExpiresAt < now);

    public int DeleteTokensOf(int userId) => _tokens.DeleteMany(t => t.UserId == userId);

    private bool SetField(int userId, string field, BsonValue value) =>
        _users.UpdateMany(BsonExpression.Create($"{{ {field}: @0 }}", value), BsonExpression.Create("_id = @0", new BsonValue(userId))) > 0;

    private static BsonExpression NameContains(string search) =>
        BsonExpression.Create("INDEXOF($.NormalizedUsername, @0) >= 0", new BsonValue(User.Normalize(search)));
}
