using GameServer.Storage;
using LiteDB;

namespace GameServer.Accounts;

/// <summary>The <c>users</c> and <c>auth_tokens</c> collections.</summary>
public sealed class AccountStore(GameDatabase database, StoreMetrics? metrics = null)
{
    internal const string UsersCollection = "users";
    internal const string TokensCollection = "auth_tokens";

    private readonly ILiteCollection<User> _users = database.Collection<User>(UsersCollection);
    private readonly ILiteCollection<AuthToken> _tokens = database.Collection<AuthToken>(TokensCollection);
    private readonly StoreMetrics _metrics = metrics ?? StoreMetrics.Unrecorded;

    public User? FindUser(int id)
    {
        using var timing = _metrics.Time("accounts", "find_user");
        return _users.FindById(id);
    }

    public User? FindUserByName(string username)
    {
        using var timing = _metrics.Time("accounts", "find_user_by_name");
        return _users.FindOne(u => u.NormalizedUsername == User.Normalize(username));
    }

    public IReadOnlyList<User> AllUsers()
    {
        using var timing = _metrics.Time("accounts", "all_users");
        return _users.FindAll().ToList();
    }

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
    public IReadOnlyList<int> IdsWithNameContaining(string search, int offset, int limit)
    {
        using var timing = _metrics.Time("accounts", "ids_with_name_containing");
        return limit == 0 ? [] : _users.Query().Where(NameContains(search)).OrderBy(u => u.Id).Select(u => u.Id).Skip(offset).Limit(limit).ToList();
    }

    /// <summary>How many users have <paramref name="search"/> in their name, ignoring case.</summary>
    public int CountWithNameContaining(string search)
    {
        using var timing = _metrics.Time("accounts", "count_with_name_containing");
        return _users.Count(NameContains(search));
    }

    public int CountAdmins()
    {
        using var timing = _metrics.Time("accounts", "count_admins");
        return _users.Count(u => u.IsAdmin);
    }

    /// <summary>Inserts the user; a name taken in any case is refused by the unique index.</summary>
    public void Insert(User user)
    {
        using var timing = _metrics.Time("accounts", "insert");
        _users.Insert(user);
    }

    // The setters below change one field in place rather than writing back a whole document read
    // earlier: a login's slow hash must not put back an admin flag revoked meanwhile.
    public bool SetAdmin(int userId, bool isAdmin)
    {
        using var timing = _metrics.Time("accounts", "set_admin");
        return SetField(userId, nameof(User.IsAdmin), isAdmin);
    }

    public bool SetPasswordHash(int userId, string passwordHash)
    {
        using var timing = _metrics.Time("accounts", "set_password_hash");
        return SetField(userId, nameof(User.PasswordHash), passwordHash);
    }

    public bool SetLastSeen(int userId, DateTime at)
    {
        using var timing = _metrics.Time("accounts", "set_last_seen");
        return SetField(userId, nameof(User.LastSeenAt), at);
    }

    public void Insert(AuthToken token)
    {
        using var timing = _metrics.Time("accounts", "insert");
        _tokens.Insert(token);
    }

    public AuthToken? FindToken(string tokenHash)
    {
        using var timing = _metrics.Time("accounts", "find_token");
        return _tokens.FindOne(t => t.TokenHash == tokenHash);
    }

    public bool DeleteToken(string tokenHash)
    {
        using var timing = _metrics.Time("accounts", "delete_token");
        return _tokens.DeleteMany(t => t.TokenHash == tokenHash) > 0;
    }

    public int DeleteTokensExpiredBefore(DateTime now)
    {
        using var timing = _metrics.Time("accounts", "delete_tokens_expired_before");
        return _tokens.DeleteMany(t => t.ExpiresAt < now);
    }

    public int DeleteTokensOf(int userId)
    {
        using var timing = _metrics.Time("accounts", "delete_tokens_of");
        return _tokens.DeleteMany(t => t.UserId == userId);
    }

    private bool SetField(int userId, string field, BsonValue value) =>
        _users.UpdateMany(BsonExpression.Create($"{{ {field}: @0 }}", value), BsonExpression.Create("_id = @0", new BsonValue(userId))) > 0;

    private static BsonExpression NameContains(string search) =>
        BsonExpression.Create("INDEXOF($.NormalizedUsername, @0) >= 0", new BsonValue(User.Normalize(search)));
}
