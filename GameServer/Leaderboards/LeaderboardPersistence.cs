using GameServer.Accounts;

namespace GameServer.Leaderboards;

/// <summary>
/// Rebuilds the boards from the store at start-up and writes what changed in batches: every score
/// changed since the last save, all boards and periods, in one transaction. Old weeks are deleted
/// once a new week has begun.
/// </summary>
public sealed partial class LeaderboardPersistence(
    LeaderboardService boards,
    ILeaderboardStore store,
    IAccountStore accounts,
    UsernameBook names,
    ILogger<LeaderboardPersistence> logger,
    RedisStandings? cluster = null)
{
    // Changed scores taken from Redis per write: one transaction each.
    private const int ClusterBatch = 5000;

    private readonly Lock _saving = new();
    private readonly SemaphoreSlim _savingFromCluster = new(1, 1);
    private string? _prunedFor;

    /// <summary>Reads all-time, this week's and last week's scores of every board; called once, before any event is counted.</summary>
    public ValueTask LoadAsync()
    {
        if (cluster is not null)
        {
            return LoadIntoClusterAsync();
        }

        LoadIntoMemory();
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes every score changed since the last call; on failure they stay unsaved for the next one.</summary>
    public ValueTask<int> SaveAsync() => cluster is not null ? SaveFromClusterAsync() : ValueTask.FromResult(SaveFromMemory());

    private void LoadIntoMemory()
    {
        boards.RollWeeks();
        var week = boards.CurrentWeek;
        var periods = new (LeaderboardPeriod Period, string Key)[]
        {
            (LeaderboardPeriod.All, LeaderboardScoreRecord.AllTime),
            (LeaderboardPeriod.Week, week.Key),
            (LeaderboardPeriod.LastWeek, week.Previous.Key),
        };
        long last = 0;
        var ranked = 0;
        foreach (var (period, key) in periods)
        {
            var stored = store.InPeriod(key).ToLookup(s => s.Board);
            foreach (var board in LeaderboardNames.Boards)
            {
                var scores = stored[board.Name()].Select(s => s.ToScore()).ToList();
                var standings = boards.Standings(board);
                lock (standings.Lock)
                {
                    standings[period].Load(scores);
                }

                ranked += scores.Count;
                last = scores.Count == 0 ? last : Math.Max(last, scores.Max(s => s.Sequence));
            }
        }

        boards.ContinueAfter(last);
        names.Add(accounts.AllUserNames());
        LogLoaded(ranked, week.Key);
    }

    private int SaveFromMemory()
    {
        // The job and the final save at shutdown may meet; one batch at a time keeps an older one from landing last.
        lock (_saving)
        {
            boards.RollWeeks();
            var batch = new List<(LeaderboardBoard Board, Ranking Ranking, LeaderboardScoreRecord Record)>();
            foreach (var board in LeaderboardNames.Boards)
            {
                var standings = boards.Standings(board);
                lock (standings.Lock)
                {
                    foreach (var period in LeaderboardNames.Periods)
                    {
                        var ranking = standings[period];
                        batch.AddRange(ranking.TakeUnsaved().Select(score => (board, ranking, LeaderboardScoreRecord.Of(board, ranking.PeriodKey, score))));
                    }
                }
            }

            try
            {
                if (batch.Count > 0)
                {
                    store.Save([.. batch.Select(b => b.Record)]);
                }
            }
            catch
            {
                foreach (var byBoard in batch.GroupBy(b => b.Board))
                {
                    lock (boards.Standings(byBoard.Key).Lock)
                    {
                        foreach (var byRanking in byBoard.GroupBy(b => b.Ranking))
                        {
                            byRanking.Key.ReturnUnsaved(byRanking.Select(b => b.Record.User));
                        }
                    }
                }

                throw;
            }

            PruneOldWeeks();
            return batch.Count;
        }
    }

    // The first node up against an empty Redis loads the stored boards into it; the others find them there.
    private async ValueTask LoadIntoClusterAsync()
    {
        names.Add(accounts.AllUserNames());
        if (!await cluster!.ClaimLoadingAsync())
        {
            return;
        }

        var week = boards.CurrentWeek;
        var ranked = 0;
        foreach (var key in new[] { LeaderboardScoreRecord.AllTime, week.Key, week.Previous.Key })
        {
            foreach (var byBoard in store.InPeriod(key).GroupBy(s => s.Board))
            {
                await cluster.LoadAsync(LeaderboardNames.ParseBoard(byBoard.Key), key, [.. byBoard.Select(s => s.ToScore())]);
                ranked += byBoard.Count();
            }
        }

        LogLoaded(ranked, week.Key);
    }

    private async ValueTask<int> SaveFromClusterAsync()
    {
        // As in memory, one batch at a time; the wait holds no thread.
        await _savingFromCluster.WaitAsync();
        try
        {
            var saved = 0;
            while (await cluster!.TakeUnsavedAsync(ClusterBatch) is { Count: > 0 } batch)
            {
                try
                {
                    store.Save(batch);
                }
                catch
                {
                    await cluster.ReturnUnsavedAsync(batch);
                    throw;
                }

                saved += batch.Count;
                if (batch.Count < ClusterBatch)
                {
                    break;
                }
            }

            PruneOldWeeks();
            return saved;
        }
        finally
        {
            _savingFromCluster.Release();
        }
    }

    private void PruneOldWeeks()
    {
        var week = boards.CurrentWeek;
        if (_prunedFor == week.Key)
        {
            return;
        }

        var deleted = store.DeleteWeeksOtherThan(week.Key, week.Previous.Key);
        _prunedFor = week.Key;
        if (deleted > 0)
        {
            LogPruned(deleted, week.Key);
        }
    }

    [LoggerMessage(LogLevel.Information, "Leaderboards loaded {Count} scores; this week is {Week}")]
    private partial void LogLoaded(int count, string week);

    [LoggerMessage(LogLevel.Information, "Leaderboards deleted {Count} scores of weeks before last week; this week is {Week}")]
    private partial void LogPruned(int count, string week);
}
