using GameServer.Accounts;
using GameServer.Cluster;
using GameServer.Inventory;
using GameServer.Jobs;
using GameServer.Realtime;
using Microsoft.Extensions.Options;

namespace GameServer.Gifts;

/// <summary>
/// Every <c>Gifts:Interval</c> (10 s), gives every active user a new weightless item named
/// <c>Gift for {username}</c>, as the original's Celery beat task did for every user. Active means
/// seen within <c>Gifts:ActiveWithin</c> (1 day) or online now: accounts made and abandoned, by the
/// thousand if need be, stop growing the database. Online is this node's sessions and, in cluster
/// mode, the users in the world on any node (<see cref="Presence"/>): the job runs on one node for the
/// whole game. Users are handled in batches, one transaction each, so a run over thousands of users is
/// a few transactions, not thousands.
/// </summary>
public sealed partial class GiftJob(
    IAccountStore accounts,
    InventoryService inventory,
    GiftFeed feed,
    SessionRegistry sessions,
    Presence presence,
    IOptions<GiftsOptions> options,
    TimeProvider time,
    ILogger<GiftJob> logger) : IJob
{
    internal const int BatchSize = 2000;

    public string Name => "gifts";

    public string Section => GiftsOptions.Section;

    /// <summary>Once per interval for the whole game, however many nodes.</summary>
    public bool OncePerCluster => true;

    public TimeSpan DefaultInterval => TimeSpan.FromSeconds(10);

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        // Read before the first batch: a query still open across the batches' transactions keeps LiteDB
        // from checkpointing, so with no other writer its log grew by a whole run's pages every run.
        var users = Recipients();
        var given = 0;
        foreach (var batch in users.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gifts = batch.Select(user => new NewItemFor(user.Id, $"Gift for {user.Username}", 0)).ToList();
            var receivers = inventory.GiveNewItems(gifts);
            given += receivers.Count;
            var names = gifts.ToDictionary(gift => gift.UserId, gift => gift.Name);
            feed.Publish(new GiftsGiven(receivers, [.. receivers.Select(user => names[user])]));
        }

        LogGiven(given);
        return ValueTask.CompletedTask;
    }

    private List<(int Id, string Username)> Recipients()
    {
        if (options.Value.ActiveWithin is not { } window)
        {
            return [.. accounts.AllUserNames()];
        }

        var now = time.GetUtcNow().UtcDateTime;
        var seen = accounts.UserNamesSeenSince(window < now - DateTime.MinValue ? now - window : DateTime.MinValue).ToList();

        // Someone connected for longer than the window has not been "seen" since signing in, but is here,
        // or in the world on another node (the job runs on one node for the whole cluster).
        var known = seen.Select(u => u.Id).ToHashSet();
        foreach (var userId in sessions.OnlineUserIds.Concat(presence.OnlineUsers))
        {
            if (known.Add(userId) && accounts.FindUser(userId) is { } user)
            {
                seen.Add((user.Id, user.Username));
            }
        }

        seen.Sort((a, b) => a.Id.CompareTo(b.Id));
        return seen;
    }

    [LoggerMessage(LogLevel.Debug, "Gave {Count} gifts")]
    private partial void LogGiven(int count);
}
