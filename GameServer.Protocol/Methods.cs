namespace GameServer.Protocol;

/// <summary>The name of every JSON-RPC method and notification GameServer knows.</summary>
public static class Methods
{
    /// <summary>Answers with the server's clock; allowed before login.</summary>
    public const string SystemPing = "system.ping";

    /// <summary>Answers with the server's name, version, uptime and connection count; allowed before login.</summary>
    public const string SystemInfo = "system.info";

    /// <summary>Creates an account and logs the connection in.</summary>
    public const string AuthRegister = "auth.register";

    /// <summary>Logs the connection in with a username and password.</summary>
    public const string AuthLogin = "auth.login";

    /// <summary>Logs the connection in with a token from an earlier register or login.</summary>
    public const string AuthResume = "auth.resume";

    /// <summary>Revokes the connection's token and logs the connection out.</summary>
    public const string AuthLogout = "auth.logout";
}
