namespace GameServer.Accounts;

/// <summary>An account as stored.</summary>
public sealed class User
{
    public int Id { get; set; }

    /// <summary>The name as registered, case kept.</summary>
    public string Username { get; set; } = "";

    /// <summary>The name in upper case: unique, so that names differing only in case clash.</summary>
    public string NormalizedUsername { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PasswordHasher output; never the password.</summary>
    public string PasswordHash { get; set; } = "";

    public bool IsAdmin { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// When the user last registered, logged in, resumed, logged out or disconnected; the gift job
    /// skips users not seen within <c>Gifts:ActiveWithin</c>. Null only in files from before schema 8.
    /// </summary>
    public DateTime? LastSeenAt { get; set; }

    public static string Normalize(string username) => username.ToUpperInvariant();
}
