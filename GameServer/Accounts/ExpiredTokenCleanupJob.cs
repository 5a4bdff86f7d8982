using GameServer.Jobs;

namespace GameServer.Accounts;

/// <summary>Deletes expired session tokens every <c>Accounts:CleanupInterval</c> (1 hour), so the token collection stays small.</summary>
public sealed partial class ExpiredTokenCleanupJob(AccountService accounts, ILogger<ExpiredTokenCleanupJob> logger) : IJob
{
    public string Name => "expired-tokens";

    public string Section => "Accounts";

    public string IntervalKey => "CleanupInterval";

    public string EnabledKey => "CleanupEnabled";

    /// <summary>Once per interval for the whole game, however many nodes.</summary>
    public bool OncePerCluster => true;

    public TimeSpan DefaultInterval => TimeSpan.FromHours(1);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        var deleted = accounts.DeleteExpiredTokens();
        if (deleted > 0)
        {
            LogDeleted(deleted);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} expired tokens")]
    private partial void LogDeleted(int count);
}
