namespace GameServer.Protocol.Accounts;

/// <summary>Parameters of <c>users.set_admin</c>.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="IsAdmin">Whether the user may use admin methods from now on.</param>
public sealed record SetAdminParams(int Id, bool IsAdmin);

/// <summary>Parameters of <c>users.set_password</c>.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Password">The new password, at least 8 characters.</param>
public sealed record SetPasswordParams(int Id, string Password);
