namespace GameServer.Protocol.Accounts;

/// <summary>Parameters of <c>auth.register</c> and <c>auth.login</c>.</summary>
/// <param name="Username">3–32 characters of <c>[A-Za-z0-9_.-]</c> and nothing else (not even a final newline); unique ignoring case.</param>
/// <param name="Password">At least 8 characters.</param>
/// <param name="InWorld">False for a connection that is not the user playing (the admin dashboard): it does not put the user's player online.</param>
public sealed record Credentials(string Username, string Password, bool InWorld = true);

/// <summary>Parameters of <c>auth.resume</c>.</summary>
/// <param name="Token">A token from an earlier register or login.</param>
/// <param name="InWorld">As in <see cref="Credentials.InWorld"/>: said again on every resume, as a token may serve both kinds of connection.</param>
public sealed record ResumeParams(string Token, bool InWorld = true);

/// <summary>
/// The <c>auth.user_changed</c> notification: an admin changed the logged-in user (granted or revoked
/// admin rights); the connection's rights are already the new ones.
/// </summary>
/// <param name="User">The user as it is now.</param>
public sealed record UserChanged(UserInfo User);

/// <summary>A user as the protocol shows it.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Username">The name as registered.</param>
/// <param name="IsAdmin">Whether the user may use admin methods.</param>
public sealed record UserInfo(int Id, string Username, bool IsAdmin);

/// <summary>The answer to <c>auth.register</c>, <c>auth.login</c> and <c>auth.resume</c>.</summary>
/// <param name="Token">The session token: keep it to resume on another connection or device.</param>
/// <param name="User">The logged-in user.</param>
public sealed record AuthResult(string Token, UserInfo User);

/// <summary>The answer to <c>auth.logout</c>.</summary>
/// <param name="LoggedOut">Always true: the token is revoked and the connection logged out.</param>
public sealed record LogoutResult(bool LoggedOut);

/// <summary>
/// The <c>auth.signed_out</c> notification: the connection is logged out (it stays open) because
/// the token it logged in with no longer works. Log in again to go on.
/// </summary>
/// <param name="Reason">One of <see cref="SignOutReasons"/>.</param>
public sealed record SignedOut(string Reason);

/// <summary>Why a connection was signed out, as sent in <see cref="SignedOut.Reason"/>.</summary>
public static class SignOutReasons
{
    /// <summary>The token was revoked by <c>auth.logout</c> on another connection using it.</summary>
    public const string Logout = "logout";

    /// <summary>An admin set a new password with <c>users.set_password</c>: every token of the user is revoked.</summary>
    public const string PasswordReset = "password_reset";

    /// <summary>The token reached the end of its lifetime (<c>Accounts:TokenLifetime</c>).</summary>
    public const string Expired = "expired";
}
