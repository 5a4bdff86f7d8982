using GameServer.Accounts;
using GameServer.Inventory;
using GameServer.Jobs;

namespace GameServer.Gifts;

/// <summary>
/// Every <c>Gifts:Interval</c> (10 s), gives every user a new weightless item named
/// <c>Gift for {username}</c>, as the original's Celery beat task did. Users are handled in batches,
/// one transaction each, so a run over thousands of users is a few transactions, not thousands.
/// </summary>
public sealed partial class GiftJob(AccountStore accounts, InventoryService inventory, ILogger<GiftJob> logger) : IJob
{
    internal const int BatchSize = 2000;

    public string Name => "gifts";

    public string Section => "Gifts";

    public TimeSpan DefaultInterval => TimeSpan.FromSeconds(10);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        // Read before the first batch: a query still open across the batches' transactions keeps LiteDB
        // from checkpointing, so with no other writer its log grew by a whole run's pages every run.
        var users = accounts.AllUserNames().ToList();
        var given = 0;
        foreach (var batch in users.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            given += inventory.GiveNewItems([.. batch.Select(user => new NewItemFor(user.Id, $"Gift for {user.Username}", 0))]);
        }

        LogGiven(given);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Debug, "Gave {Count} gifts")]
    private partial void LogGiven(int count);
}
