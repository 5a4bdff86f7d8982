using GameServer.Storage;

namespace GameServer.Accounts;

/// <summary>
/// Users and their session tokens, on either provider. Every operation that writes more than one
/// record is atomic by itself: callers never open transactions.
/// </summary>
public interface IAccountStore : IRecordSource
{
    User? FindUser(int id);

    /// <summary>The user whose name equals <paramref name="username"/> ignoring case.</summary>
    User? FindUserByName(string username);

    IReadOnlyList<User> AllUsers();

    /// <summary>Every user's id and name, in id order, read without the rest of the record.</summary>
    IReadOnlyList<(int Id, string Username)> AllUserNames();

    /// <summary>The id and name of every user seen at or after <paramref name="since"/>, through the last-seen index.</summary>
    IReadOnlyList<(int Id, string Username)> UserNamesSeenSince(DateTime since);

    /// <summary>
    /// A page of the ids of the users whose name contains <paramref name="search"/> as plain text,
    /// ignoring case, in id order: a read of every user's normalized name, which no index can answer.
    /// </summary>
    IReadOnlyList<int> IdsWithNameContaining(string search, int offset, int limit);

    /// <summary>How many users have <paramref name="search"/> in their name, ignoring case.</summary>
    int CountWithNameContaining(string search);

    /// <summary>
    /// Creates <paramref name="user"/> (its id is set), every feature's records for it through
    /// <paramref name="provisioners"/>, and <paramref name="firstToken"/> (its user id is set), all or
    /// nothing. A name taken in any case throws <see cref="UsernameTakenException"/>.
    /// </summary>
    void Register(User user, AuthToken firstToken, IReadOnlyList<IAccountProvisioner> provisioners);

    /// <summary>Creates many users (ids set) with their features' records, without tokens, in one transaction: for seeding.</summary>
    void RegisterMany(IReadOnlyList<User> users, IReadOnlyList<IAccountProvisioner> provisioners);

    /// <summary>
    /// Signs a user in, atomically: re-reads the user (null when gone), stores <paramref name="newPasswordHash"/>
    /// when given, stores <paramref name="token"/> for it and marks the user seen at the token's creation.
    /// </summary>
    User? SignIn(int userId, string? newPasswordHash, AuthToken token);

    /// <summary>
    /// Grants or revokes admin rights, checked and written atomically: the actor must be an admin, the user
    /// must exist, an admin cannot revoke its own rights, and one admin always remains.
    /// </summary>
    AdminChange SetAdmin(int actingUserId, int userId, bool isAdmin);

    /// <summary>Sets the user's password hash and deletes all of its tokens, atomically, if the actor is an admin.</summary>
    AdminChange SetPassword(int actingUserId, int userId, string passwordHash);

    bool SetLastSeen(int userId, DateTime at);

    AuthToken? FindToken(string tokenHash);

    bool DeleteToken(string tokenHash);

    int DeleteTokensExpiredBefore(DateTime now);

    int DeleteTokensOf(int userId);
}

/// <summary>What an admin change did: <see cref="AdminChangeOutcome.Done"/> with the user as it now is, or why not.</summary>
public sealed record AdminChange(AdminChangeOutcome Outcome, User? User = null);

public enum AdminChangeOutcome
{
    Done,

    /// <summary>The actor is not (or no longer) an admin.</summary>
    ActorNotAdmin,

    UserNotFound,

    /// <summary>An admin tried to revoke its own rights.</summary>
    OwnRights,

    /// <summary>The change would leave no admin.</summary>
    LastAdmin,
}

/// <summary>A registration's name is taken, in some case, by another user; the store's unique index decided.</summary>
public sealed class UsernameTakenException() : Exception("the username is already taken");
