using GameServer.Storage;
using GameServer.Storage.LiteDb;
using LiteDB;

namespace GameServer.Accounts;

/// <summary>The <c>users</c> and <c>auth_tokens</c> collections of the LiteDB file.</summary>
public sealed class LiteDbAccountStore(GameDatabase database, StoreMetrics metrics) : IAccountStore
{
    internal const string UsersCollection = "users";
    internal const string TokensCollection = "auth_tokens";
    private const string Store = "accounts";

    private readonly ILiteCollection<User> _users = database.Collection<User>(UsersCollection);
    private readonly ILiteCollection<AuthToken> _tokens = database.Collection<AuthToken>(TokensCollection);

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<User>(UsersCollection, () => _users.LongCount(), () => _users.Query().OrderBy(u => u.Id).ToEnumerable().Select(Utc), Import, () => _users.DeleteAll()),
        new RecordSet<AuthToken>(TokensCollection, () => _tokens.LongCount(), () => _tokens.Query().OrderBy(t => t.Id).ToEnumerable().Select(Utc), Import, () => _tokens.DeleteAll()),
    ];

    public User? FindUser(int id)
    {
        using var timing = metrics.Time(Store, "find_user");
        return _users.FindById(id);
    }

    public User? FindUserByName(string username)
    {
        using var timing = metrics.Time(Store, "find_user_by_name");
        return _users.FindOne(u => u.NormalizedUsername == User.Normalize(username));
    }

    public IReadOnlyList<User> AllUsers()
    {
        using var timing = metrics.Time(Store, "all_users");
        return _users.FindAll().ToList();
    }

    public IReadOnlyList<(int Id, string Username)> AllUserNames()
    {
        using var timing = metrics.Time(Store, "all_user_names");
        return [.. _users.Query().OrderBy(u => u.Id).Select(u => new { u.Id, u.Username }).ToEnumerable().Select(u => (u.Id, u.Username))];
    }

    public IReadOnlyList<(int Id, string Username)> UserNamesSeenSince(DateTime since)
    {
        using var timing = metrics.Time(Store, "user_names_seen_since");
        return [.. _users.Query().Where(u => u.LastSeenAt >= since).Select(u => new { u.Id, u.Username }).ToEnumerable().Select(u => (u.Id, u.Username))];
    }

    public IReadOnlyList<int> IdsWithNameContaining(string search, int offset, int limit)
    {
        using var timing = metrics.Time(Store, "ids_with_name_containing");
        return limit == 0 ? [] : _users.Query().Where(NameContains(search)).OrderBy(u => u.Id).Select(u => u.Id).Skip(offset).Limit(limit).ToList();
    }

    public int CountWithNameContaining(string search)
    {
        using var timing = metrics.Time(Store, "count_with_name_containing");
        return _users.Count(NameContains(search));
    }

    public void Register(User user, AuthToken firstToken, IReadOnlyList<IAccountProvisioner> provisioners)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(firstToken);
        ArgumentNullException.ThrowIfNull(provisioners);
        using var timing = metrics.Time(Store, "register");
        try
        {
            database.InTransaction(() =>
            {
                _users.Insert(user);
                foreach (var provisioner in provisioners)
                {
                    provisioner.Provision([user]);
                }

                firstToken.UserId = user.Id;
                _tokens.Insert(firstToken);
            });
        }
        catch (LiteException e) when (GameDatabase.IsDuplicateKey(e))
        {
            throw new UsernameTakenException();
        }
    }

    public void RegisterMany(IReadOnlyList<User> users, IReadOnlyList<IAccountProvisioner> provisioners)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(provisioners);
        using var timing = metrics.Time(Store, "register_many");
        database.InTransaction(() =>
        {
            _users.InsertBulk(users, batchSize: Math.Max(users.Count, 1));
            foreach (var provisioner in provisioners)
            {
                provisioner.Provision(users);
            }
        });
    }

    public User? SignIn(int userId, string? newPasswordHash, AuthToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var timing = metrics.Time(Store, "sign_in");
        return database.InTransaction(() =>
        {
            var current = _users.FindById(userId);
            if (current is null)
            {
                return null;
            }

            if (newPasswordHash is not null)
            {
                SetField(userId, nameof(User.PasswordHash), newPasswordHash);
                current.PasswordHash = newPasswordHash;
            }

            token.UserId = userId;
            _tokens.Insert(token);
            SetField(userId, nameof(User.LastSeenAt), token.CreatedAt);
            current.LastSeenAt = token.CreatedAt;
            return current;
        });
    }

    public AdminChange SetAdmin(int actingUserId, int userId, bool isAdmin)
    {
        using var timing = metrics.Time(Store, "set_admin");
        return database.InTransaction(() =>
        {
            if (_users.FindById(actingUserId) is not { IsAdmin: true })
            {
                return new AdminChange(AdminChangeOutcome.ActorNotAdmin);
            }

            var user = _users.FindById(userId);
            var refusal = AdminRules.Refusal(actingUserId, user, isAdmin, () => _users.Count(u => u.IsAdmin));
            if (refusal is { } outcome)
            {
                return new AdminChange(outcome);
            }

            SetField(userId, nameof(User.IsAdmin), isAdmin);
            user!.IsAdmin = isAdmin;
            return new AdminChange(AdminChangeOutcome.Done, user);
        });
    }

    public AdminChange SetPassword(int actingUserId, int userId, string passwordHash)
    {
        using var timing = metrics.Time(Store, "set_password");
        return database.InTransaction(() =>
        {
            if (_users.FindById(actingUserId) is not { IsAdmin: true })
            {
                return new AdminChange(AdminChangeOutcome.ActorNotAdmin);
            }

            if (!SetField(userId, nameof(User.PasswordHash), passwordHash))
            {
                return new AdminChange(AdminChangeOutcome.UserNotFound);
            }

            _tokens.DeleteMany(t => t.UserId == userId);
            return new AdminChange(AdminChangeOutcome.Done, _users.FindById(userId));
        });
    }

    // The setters change one field in place rather than writing back a whole document read
    // earlier: a login's slow hash must not put back an admin flag revoked meanwhile.
    public bool SetLastSeen(int userId, DateTime at)
    {
        using var timing = metrics.Time(Store, "set_last_seen");
        return SetField(userId, nameof(User.LastSeenAt), at);
    }

    public AuthToken? FindToken(string tokenHash)
    {
        using var timing = metrics.Time(Store, "find_token");
        return _tokens.FindOne(t => t.TokenHash == tokenHash);
    }

    public bool DeleteToken(string tokenHash)
    {
        using var timing = metrics.Time(Store, "delete_token");
        return _tokens.DeleteMany(t => t.TokenHash == tokenHash) > 0;
    }

    public int DeleteTokensExpiredBefore(DateTime now)
    {
        using var timing = metrics.Time(Store, "delete_expired_tokens");
        return _tokens.DeleteMany(t => t.ExpiresAt < now);
    }

    public int DeleteTokensOf(int userId)
    {
        using var timing = metrics.Time(Store, "delete_tokens_of");
        return _tokens.DeleteMany(t => t.UserId == userId);
    }

    private bool SetField(int userId, string field, BsonValue value) =>
        _users.UpdateMany(BsonExpression.Create($"{{ {field}: @0 }}", value), BsonExpression.Create("_id = @0", new BsonValue(userId))) > 0;

    private void Import(IReadOnlyList<User> users) => database.InTransaction(() => _users.InsertBulk(users, batchSize: Math.Max(users.Count, 1)));

    private void Import(IReadOnlyList<AuthToken> tokens) => database.InTransaction(() => _tokens.InsertBulk(tokens, batchSize: Math.Max(tokens.Count, 1)));

    private static User Utc(User user)
    {
        user.CreatedAt = GameDatabase.Utc(user.CreatedAt);
        user.LastSeenAt = GameDatabase.Utc(user.LastSeenAt);
        return user;
    }

    private static AuthToken Utc(AuthToken token)
    {
        token.CreatedAt = GameDatabase.Utc(token.CreatedAt);
        token.ExpiresAt = GameDatabase.Utc(token.ExpiresAt);
        return token;
    }

    private static BsonExpression NameContains(string search) =>
        BsonExpression.Create("INDEXOF($.NormalizedUsername, @0) >= 0", new BsonValue(User.Normalize(search)));
}
