namespace GameServer.Realtime;

/// <summary>Who a logged-in session belongs to, as far as the transport needs to know.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Username">The user's name, for logs.</param>
/// <param name="IsAdmin">Whether admin-only methods are allowed.</param>
/// <param name="InWorld">
/// Whether the session is the user playing (its player is online while it is open); false for a
/// tool such as the admin dashboard, which logs in as the user without entering the world.
/// </param>
public sealed record SessionUser(int Id, string Username, bool IsAdmin, bool InWorld = true);
