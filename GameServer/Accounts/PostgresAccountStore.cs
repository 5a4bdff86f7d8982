using Dapper;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace GameServer.Accounts;

/// <summary>The <c>users</c> and <c>auth_tokens</c> tables of the PostgreSQL database.</summary>
public sealed class PostgresAccountStore(PostgresDatabase database, StoreMetrics metrics) : IAccountStore
{
    private const string Store = "accounts";
    private const string UserColumns = "id, username, normalized_username, password_hash, is_admin, created_at, last_seen_at";
    private const string TokenColumns = "id, token_hash, user_id, created_at, expires_at";

    // Admin changes of every process sharing the database, one at a time: each re-reads the actor and
    // the admins, and two checked side by side (two admins revoking each other) would both pass.
    private const long AdminChangesLock = 0x47534163636F756E;

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<User>("users", () => Count("users"), () => database.Stream<User>($"SELECT {UserColumns} FROM users ORDER BY id"), ImportUsers, () => database.Truncate("users")),
        new RecordSet<AuthToken>("auth_tokens", () => Count("auth_tokens"), () => database.Stream<AuthToken>($"SELECT {TokenColumns} FROM auth_tokens ORDER BY id"), ImportTokens, () => database.Truncate("auth_tokens")),
    ];

    public User? FindUser(int id)
    {
        using var timing = metrics.Time(Store, "find_user");
        return database.Run(c => c.QuerySingleOrDefault<User>($"SELECT {UserColumns} FROM users WHERE id = @id", new { id }));
    }

    public User? FindUserByName(string username)
    {
        using var timing = metrics.Time(Store, "find_user_by_name");
        var normalized = User.Normalize(username);
        return database.Run(c => c.QuerySingleOrDefault<User>($"SELECT {UserColumns} FROM users WHERE normalized_username = @normalized", new { normalized }));
    }

    public IReadOnlyList<User> AllUsers()
    {
        using var timing = metrics.Time(Store, "all_users");
        return database.Run(c => c.Query<User>($"SELECT {UserColumns} FROM users ORDER BY id").AsList());
    }

    public IReadOnlyList<(int Id, string Username)> AllUserNames()
    {
        using var timing = metrics.Time(Store, "all_user_names");
        return database.Run(c => c.Query<(int, string)>("SELECT id, username FROM users ORDER BY id").AsList());
    }

    public IReadOnlyList<(int Id, string Username)> UserNamesSeenSince(DateTime since)
    {
        using var timing = metrics.Time(Store, "user_names_seen_since");
        var at = PostgresDatabase.Utc(since);
        return database.Run(c => c.Query<(int, string)>("SELECT id, username FROM users WHERE last_seen_at >= @at", new { at }).AsList());
    }

    /// <summary>strpos, not LIKE: the search is plain text, so a '%' or '_' in it matches only itself.</summary>
    public IReadOnlyList<int> IdsWithNameContaining(string search, int offset, int limit)
    {
        using var timing = metrics.Time(Store, "ids_with_name_containing");
        var normalized = User.Normalize(search);
        return limit == 0 ? [] : database.Run(c => c.Query<int>(
            "SELECT id FROM users WHERE strpos(normalized_username, @normalized) > 0 ORDER BY id OFFSET @offset LIMIT @limit",
            new { normalized, offset, limit }).AsList());
    }

    public int CountWithNameContaining(string search)
    {
        using var timing = metrics.Time(Store, "count_with_name_containing");
        var normalized = User.Normalize(search);
        return database.Run(c => c.ExecuteScalar<int>("SELECT count(*) FROM users WHERE strpos(normalized_username, @normalized) > 0", new { normalized }));
    }

    public void Register(User user, AuthToken firstToken, IReadOnlyList<IAccountProvisioner> provisioners)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(firstToken);
        ArgumentNullException.ThrowIfNull(provisioners);
        using var timing = metrics.Time(Store, "register");
        try
        {
            database.InTransaction(c =>
            {
                user.Id = InsertUser(c, user);
                foreach (var provisioner in provisioners)
                {
                    provisioner.Provision([user]);
                }

                firstToken.UserId = user.Id;
                firstToken.Id = InsertToken(c, firstToken);
            });
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "users_normalized_username_key")
        {
            throw new UsernameTakenException();
        }
    }

    public void RegisterMany(IReadOnlyList<User> users, IReadOnlyList<IAccountProvisioner> provisioners)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(provisioners);
        using var timing = metrics.Time(Store, "register_many");
        database.InTransaction(c =>
        {
            var ids = c.Query<int>(
                """
                INSERT INTO users (username, normalized_username, password_hash, is_admin, created_at, last_seen_at)
                SELECT u.username, u.normalized, u.hash, u.admin, u.created, u.seen
                FROM unnest(@names, @normalized, @hashes, @admins, @created, @seen) WITH ORDINALITY AS u(username, normalized, hash, admin, created, seen, ord)
                ORDER BY u.ord
                RETURNING id
                """,
                new
                {
                    names = users.Select(u => u.Username).ToArray(),
                    normalized = users.Select(u => u.NormalizedUsername).ToArray(),
                    hashes = users.Select(u => u.PasswordHash).ToArray(),
                    admins = users.Select(u => u.IsAdmin).ToArray(),
                    created = users.Select(u => PostgresDatabase.Utc(u.CreatedAt)).ToArray(),
                    seen = users.Select(u => PostgresDatabase.Utc(u.LastSeenAt)).ToArray(),
                }).Order().ToList();

            // Identity values are handed out in the order the rows are inserted, which the ORDER BY fixes.
            for (var i = 0; i < users.Count; i++)
            {
                users[i].Id = ids[i];
            }

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
        return database.InTransaction(c =>
        {
            var current = c.QuerySingleOrDefault<User>(
                $"UPDATE users SET password_hash = COALESCE(@newPasswordHash, password_hash), last_seen_at = @at WHERE id = @userId RETURNING {UserColumns}",
                new { newPasswordHash, at = PostgresDatabase.Utc(token.CreatedAt), userId });
            if (current is null)
            {
                return null;
            }

            token.UserId = userId;
            token.Id = InsertToken(c, token);
            return current;
        });
    }

    public AdminChange SetAdmin(int actingUserId, int userId, bool isAdmin)
    {
        using var timing = metrics.Time(Store, "set_admin");
        return database.InTransaction(c =>
        {
            c.Execute("SELECT pg_advisory_xact_lock(@AdminChangesLock)", new { AdminChangesLock });
            if (!IsAdmin(c, actingUserId))
            {
                return new AdminChange(AdminChangeOutcome.ActorNotAdmin);
            }

            var user = c.QuerySingleOrDefault<User>($"SELECT {UserColumns} FROM users WHERE id = @userId", new { userId });
            var refusal = AdminRules.Refusal(actingUserId, user, isAdmin, () => c.ExecuteScalar<int>("SELECT count(*) FROM users WHERE is_admin"));
            if (refusal is { } outcome)
            {
                return new AdminChange(outcome);
            }

            c.Execute("UPDATE users SET is_admin = @isAdmin WHERE id = @userId", new { isAdmin, userId });
            user!.IsAdmin = isAdmin;
            return new AdminChange(AdminChangeOutcome.Done, user);
        });
    }

    public AdminChange SetPassword(int actingUserId, int userId, string passwordHash)
    {
        using var timing = metrics.Time(Store, "set_password");
        return database.InTransaction(c =>
        {
            c.Execute("SELECT pg_advisory_xact_lock(@AdminChangesLock)", new { AdminChangesLock });
            if (!IsAdmin(c, actingUserId))
            {
                return new AdminChange(AdminChangeOutcome.ActorNotAdmin);
            }

            var user = c.QuerySingleOrDefault<User>(
                $"UPDATE users SET password_hash = @passwordHash WHERE id = @userId RETURNING {UserColumns}", new { passwordHash, userId });
            if (user is null)
            {
                return new AdminChange(AdminChangeOutcome.UserNotFound);
            }

            c.Execute("DELETE FROM auth_tokens WHERE user_id = @userId", new { userId });
            return new AdminChange(AdminChangeOutcome.Done, user);
        });
    }

    public bool SetLastSeen(int userId, DateTime at)
    {
        using var timing = metrics.Time(Store, "set_last_seen");
        var seen = PostgresDatabase.Utc(at);
        return database.Run(c => c.Execute("UPDATE users SET last_seen_at = @seen WHERE id = @userId", new { seen, userId })) > 0;
    }

    public AuthToken? FindToken(string tokenHash)
    {
        using var timing = metrics.Time(Store, "find_token");
        return database.Run(c => c.QuerySingleOrDefault<AuthToken>($"SELECT {TokenColumns} FROM auth_tokens WHERE token_hash = @tokenHash", new { tokenHash }));
    }

    public bool DeleteToken(string tokenHash)
    {
        using var timing = metrics.Time(Store, "delete_token");
        return database.Run(c => c.Execute("DELETE FROM auth_tokens WHERE token_hash = @tokenHash", new { tokenHash })) > 0;
    }

    public int DeleteTokensExpiredBefore(DateTime now)
    {
        using var timing = metrics.Time(Store, "delete_expired_tokens");
        var at = PostgresDatabase.Utc(now);
        return database.Run(c => c.Execute("DELETE FROM auth_tokens WHERE expires_at < @at", new { at }));
    }

    public int DeleteTokensOf(int userId)
    {
        using var timing = metrics.Time(Store, "delete_tokens_of");
        return database.Run(c => c.Execute("DELETE FROM auth_tokens WHERE user_id = @userId", new { userId }));
    }

    private static bool IsAdmin(NpgsqlConnection c, int userId) =>
        c.ExecuteScalar<bool?>("SELECT is_admin FROM users WHERE id = @userId", new { userId }) == true;

    private static int InsertUser(NpgsqlConnection c, User user) => c.ExecuteScalar<int>(
        """
        INSERT INTO users (username, normalized_username, password_hash, is_admin, created_at, last_seen_at)
        VALUES (@Username, @NormalizedUsername, @PasswordHash, @IsAdmin, @createdAt, @lastSeenAt) RETURNING id
        """,
        new { user.Username, user.NormalizedUsername, user.PasswordHash, user.IsAdmin, createdAt = PostgresDatabase.Utc(user.CreatedAt), lastSeenAt = PostgresDatabase.Utc(user.LastSeenAt) });

    private static int InsertToken(NpgsqlConnection c, AuthToken token) => c.ExecuteScalar<int>(
        "INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES (@TokenHash, @UserId, @createdAt, @expiresAt) RETURNING id",
        new { token.TokenHash, token.UserId, createdAt = PostgresDatabase.Utc(token.CreatedAt), expiresAt = PostgresDatabase.Utc(token.ExpiresAt) });

    private long Count(string table) => database.Run(c => c.ExecuteScalar<long>($"SELECT count(*) FROM {table}"));

    private void ImportUsers(IReadOnlyList<User> users) => database.Import("users", UserColumns, users, (row, u) =>
    {
        row.Write(u.Id, NpgsqlDbType.Integer);
        row.Write(u.Username, NpgsqlDbType.Text);
        row.Write(u.NormalizedUsername, NpgsqlDbType.Text);
        row.Write(u.PasswordHash, NpgsqlDbType.Text);
        row.Write(u.IsAdmin, NpgsqlDbType.Boolean);
        row.Write(PostgresDatabase.Utc(u.CreatedAt), NpgsqlDbType.TimestampTz);
        if (u.LastSeenAt is { } seen)
        {
            row.Write(PostgresDatabase.Utc(seen), NpgsqlDbType.TimestampTz);
        }
        else
        {
            row.WriteNull();
        }
    });

    private void ImportTokens(IReadOnlyList<AuthToken> tokens) => database.Import("auth_tokens", TokenColumns, tokens, (row, t) =>
    {
        row.Write(t.Id, NpgsqlDbType.Integer);
        row.Write(t.TokenHash, NpgsqlDbType.Text);
        row.Write(t.UserId, NpgsqlDbType.Integer);
        row.Write(PostgresDatabase.Utc(t.CreatedAt), NpgsqlDbType.TimestampTz);
        row.Write(PostgresDatabase.Utc(t.ExpiresAt), NpgsqlDbType.TimestampTz);
    });
}
