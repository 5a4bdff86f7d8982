using GameServer.Realtime.JsonRpc;

namespace GameServer.Accounts;

/// <summary>The admin operations of <see cref="AccountService"/>.</summary>
public sealed partial class AccountService
{
    // One admin change at a time: each re-reads the actor and the admins, and two changes checked
    // side by side (two admins revoking each other) would both see the other still an admin.
    private readonly Lock _adminChanges = new();

    public IReadOnlyList<User> ListUsers() => store.AllUsers();

    /// <summary>
    /// Grants or revokes admin rights. The actor must still be an admin in the store (not merely in
    /// its session's cache), an admin cannot revoke its own rights, and one admin always remains:
    /// all checked and written atomically. <paramref name="changed"/> runs after the commit, still in
    /// turn, so that the user's open sessions learn concurrent changes in the order they were made.
    /// </summary>
    public User SetAdmin(int actingUserId, int userId, bool isAdmin, Action<User>? changed = null)
    {
        lock (_adminChanges)
        {
            var user = Applied(store.SetAdmin(actingUserId, userId, isAdmin), userId);
            changed?.Invoke(user);
            return user;
        }
    }

    /// <summary>
    /// Sets a new password and revokes every token of the user: all of its devices must log in again.
    /// The actor must still be an admin when the change is written.
    /// </summary>
    public async Task<User> SetPasswordAsync(int actingUserId, int userId, string password, CancellationToken cancellationToken = default)
    {
        ValidatePassword(password);
        var user = store.FindUser(userId) ?? throw RpcException.NotFound("user", userId);

        // The slow hash runs before the lock; the checks that matter are made again by the store.
        var passwordHash = await hasher.HashAsync(user, password, cancellationToken);
        lock (_adminChanges)
        {
            return Applied(store.SetPassword(actingUserId, userId, passwordHash), userId);
        }
    }

    /// <summary>Creates an admin, as the original's <c>manage.py createsuperuser</c> did.</summary>
    public async Task<User> CreateSuperuserAsync(string username, string password, CancellationToken cancellationToken = default) =>
        (await RegisterAsync(username, password, client: null, isAdmin: true, cancellationToken)).User;

    private static User Applied(AdminChange change, int userId) => change.Outcome switch
    {
        AdminChangeOutcome.Done => change.User!,
        AdminChangeOutcome.ActorNotAdmin => throw RpcException.Forbidden(),
        AdminChangeOutcome.UserNotFound => throw RpcException.NotFound("user", userId),
        AdminChangeOutcome.OwnRights => throw RpcException.Conflict("is_admin", "an admin cannot revoke its own admin rights"),
        _ => throw RpcException.Conflict("is_admin", "the last admin cannot be revoked"),
    };
}
