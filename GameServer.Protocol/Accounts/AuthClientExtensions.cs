using GameServer.Protocol.Client;

namespace GameServer.Protocol.Accounts;

/// <summary>Typed calls of the <c>auth.*</c> methods.</summary>
public static class AuthClientExtensions
{
    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>Creates an account and logs this connection in.</summary>
    public static Task<AuthResult> RegisterAsync(this GameClient client, string username, string password, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.AuthRegister, new Credentials(username, password), Json.Credentials, Json.AuthResult, cancellationToken);

    /// <summary>Logs this connection in with a username and password.</summary>
    public static Task<AuthResult> LoginAsync(this GameClient client, string username, string password, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.AuthLogin, new Credentials(username, password), Json.Credentials, Json.AuthResult, cancellationToken);

    /// <summary>Logs this connection in with a token from an earlier register or login.</summary>
    public static Task<AuthResult> ResumeAsync(this GameClient client, string token, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.AuthResume, new ResumeParams(token), Json.ResumeParams, Json.AuthResult, cancellationToken);

    /// <summary>Revokes this connection's token and logs it out.</summary>
    public static Task<LogoutResult> LogoutAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.AuthLogout, Json.LogoutResult, cancellationToken);

    /// <summary>Every user (admins only).</summary>
    public static Task<IReadOnlyList<UserInfo>> ListUsersAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.UsersList, Json.IReadOnlyListUserInfo, cancellationToken);

    /// <summary>Grants or revokes a user's admin rights (admins only).</summary>
    public static Task<UserInfo> SetAdminAsync(this GameClient client, int id, bool isAdmin, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.UsersSetAdmin, new SetAdminParams(id, isAdmin), Json.SetAdminParams, Json.UserInfo, cancellationToken);

    /// <summary>Sets a user's password and logs out all of its devices (admins only).</summary>
    public static Task<UserInfo> SetPasswordAsync(this GameClient client, int id, string password, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.UsersSetPassword, new SetPasswordParams(id, password), Json.SetPasswordParams, Json.UserInfo, cancellationToken);
}
