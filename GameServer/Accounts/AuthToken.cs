namespace GameServer.Accounts;

/// <summary>A session token as stored: only its SHA-256 hash, so a copy of the file logs nobody in.</summary>
public sealed class AuthToken
{
    public int Id { get; set; }

    /// <summary>Base64 of SHA-256 of the token's 32 random bytes.</summary>
    public string TokenHash { get; set; } = "";

    public int UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the token stops working; LiteDB reads dates back as local time, so compare in UTC.</summary>
    public DateTime ExpiresAt { get; set; }
}
