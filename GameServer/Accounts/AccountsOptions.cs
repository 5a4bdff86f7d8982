namespace GameServer.Accounts;

/// <summary>Account and session settings, bound to the <c>Accounts</c> section.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>How long a session token stays valid after it is issued.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Failed logins allowed per connection per minute before -32029.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
