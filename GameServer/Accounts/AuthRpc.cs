using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Accounts;

/// <summary>The <c>auth.*</c> methods: thin adapters that call <see cref="AccountService"/> and sign the session in or out.</summary>
public sealed class AuthRpc(AccountService accounts, TokenSessions tokenSessions) : IRpcMethods
{
    private static GameJsonContext Json => GameJsonContext.Default;

    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        methods
            .Add(Methods.AuthRegister, RpcAccess.Anonymous, Json.Credentials, Json.AuthResult, async (session, p, ct) =>
                SignIn(session, await accounts.RegisterAsync(p.Username, p.Password, session.ClientAddress, cancellationToken: ct), p.InWorld))
            .Add(Methods.AuthLogin, RpcAccess.Anonymous, Json.Credentials, Json.AuthResult, async (session, p, ct) =>
                SignIn(session, await accounts.LoginAsync(p.Username, p.Password, session.ClientAddress, ct), p.InWorld))
            .Add(Methods.AuthResume, RpcAccess.Anonymous, Json.ResumeParams, Json.AuthResult,
                (session, p, _) => ValueTask.FromResult(SignIn(session, accounts.Resume(p.Token), p.InWorld)))
            .Add(Methods.AuthLogout, RpcAccess.User, Json.EmptyParams, Json.LogoutResult, Logout);
    }

    private AuthResult SignIn(Session session, SignedInUser signedIn, bool inWorld)
    {
        var user = signedIn.User;
        session.SignIn(new SessionUser(user.Id, user.Username, user.IsAdmin, inWorld), signedIn.TokenHash);
        tokenSessions.Track(session, signedIn);
        return new AuthResult(signedIn.Token, ToInfo(user));
    }

    private ValueTask<LogoutResult> Logout(Session session, EmptyParams p, CancellationToken ct)
    {
        var tokenHash = session.CredentialId;
        session.SignOut();
        if (tokenHash is not null)
        {
            accounts.Revoke(tokenHash);

            // The caller has its answer; every other connection using the token is told.
            tokenSessions.SignOutToken(tokenHash, SignOutReasons.Logout, except: session);
        }

        return ValueTask.FromResult(new LogoutResult(true));
    }

    internal static UserInfo ToInfo(User user) => new(user.Id, user.Username, user.IsAdmin);
}
