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
}
