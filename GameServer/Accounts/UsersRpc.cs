using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Accounts;

/// <summary>The admin's <c>users.*</c> methods; changes reach the user's open sessions at once.</summary>
public sealed class UsersRpc(AccountService accounts, TokenSessions tokenSessions) : IRpcMethods
{
    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.UsersList, RpcAccess.Admin, json.EmptyParams, json.IReadOnlyListUserInfo,
                (_, _, _) => ValueTask.FromResult<IReadOnlyList<UserInfo>>([.. accounts.ListUsers().Select(AuthRpc.ToInfo)]))
            .Add(Methods.UsersSetAdmin, RpcAccess.Admin, json.SetAdminParams, json.UserInfo, (session, p, _) =>
            {
                // Rights are checked per call from the session, so its open sessions must learn the new flag now.
                var user = accounts.SetAdmin(session.User!.Id, p.Id, p.IsAdmin, tokenSessions.UserChanged);
                return ValueTask.FromResult(AuthRpc.ToInfo(user));
            })
            .Add(Methods.UsersSetPassword, RpcAccess.Admin, json.SetPasswordParams, json.UserInfo, async (session, p, ct) =>
            {
                var user = await accounts.SetPasswordAsync(session.User!.Id, p.Id, p.Password, ct);
                tokenSessions.SignOutUser(user.Id, SignOutReasons.PasswordReset);
                return AuthRpc.ToInfo(user);
            });
    }
}
