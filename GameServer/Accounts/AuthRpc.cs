using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Accounts;

/// <summary>The <c>auth.*</c> methods: thin adapters that call <see cref="AccountService"/> and sign the session in or out.</summary>
public sealed class AuthRpc(AccountService accounts) : IRpcMethods
{
    private static GameJsonContext Json => GameJsonContext.Default;

    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        methods
            .Add(Methods.AuthRegister, RpcAccess.Anonymous, Json.Credentials, Json.AuthResult,
                (session, p, _) => SignIn(session, accounts.Register(p.Username, p.Password)))
            .Add(Methods.AuthLogin, RpcAccess.Anonymous, Json.Credentials, Json.AuthResult,
                (session, p, _) => SignIn(session, accounts.Login(p.Username, p.Password)))
            .Add(Methods.AuthResume, RpcAccess.Anonymous, Json.ResumeParams, Json.AuthResult,
                (session, p, _) => SignIn(session, accounts.Resume(p.Token)))
            .Add(Methods.AuthLogout, RpcAccess.User, Json.EmptyParams, Json.LogoutResult, Logout);
    }

    private static ValueTask<AuthResult> SignIn(Session session, SignedInUser signedIn)
    {
        var user = signedIn.User;
        session.SignIn(new SessionUser(user.Id, user.Username, user.IsAdmin), signedIn.TokenHash);
        return ValueTask.FromResult(new AuthResult(signedIn.Token, ToInfo(user)));
    }

    private ValueTask<LogoutResult> Logout(Session session, EmptyParams p, CancellationToken ct)
    {
        if (session.CredentialId is { } tokenHash)
        {
            accounts.Revoke(tokenHash);
        }

        session.SignOut();
        return ValueTask.FromResult(new LogoutResult(true));
    }

    internal static UserInfo ToInfo(User user) => new(user.Id, user.Username, user.IsAdmin);
}
