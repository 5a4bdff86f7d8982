using Dapper;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using NpgsqlTypes;

namespace GameServer.Leaderboards;

/// <summary>The <c>leaderboard_scores</c> table of the PostgreSQL database, keyed by (board, period, user).</summary>
public sealed class PostgresLeaderboardStore(PostgresDatabase database, StoreMetrics metrics) : ILeaderboardStore
{
    private const string Store = "leaderboards";
    private const string Columns = "board, period, user_id AS \"user\", score, sequence";

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<LeaderboardScoreRecord>(
            "leaderboard_scores",
            () => database.Run(c => c.ExecuteScalar<long>("SELECT count(*) FROM leaderboard_scores")),
            () => database.Stream<LeaderboardScoreRecord>($"SELECT {Columns} FROM leaderboard_scores ORDER BY board, period, user_id").Select(WithId),
            Import,
            () => database.Truncate("leaderboard_scores")),
    ];

    public IReadOnlyList<LeaderboardScoreRecord> InPeriod(string period)
    {
        using var timing = metrics.Time(Store, "in_period");
        return [.. database.Run(c => c.Query<LeaderboardScoreRecord>($"SELECT {Columns} FROM leaderboard_scores WHERE period = @period", new { period })).Select(WithId)];
    }

    /// <summary>One INSERT ... ON CONFLICT for the whole batch.</summary>
    public void Save(IReadOnlyList<LeaderboardScoreRecord> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        using var timing = metrics.Time(Store, "save");
        database.Run(c => c.Execute(
            """
            INSERT INTO leaderboard_scores (board, period, user_id, score, sequence)
            SELECT * FROM unnest(@boards, @periods, @users, @scores, @sequences)
            ON CONFLICT (board, period, user_id) DO UPDATE SET score = excluded.score, sequence = excluded.sequence
            """,
            new
            {
                boards = scores.Select(s => s.Board).ToArray(),
                periods = scores.Select(s => s.Period).ToArray(),
                users = scores.Select(s => s.User).ToArray(),
                scores = scores.Select(s => s.Score).ToArray(),
                sequences = scores.Select(s => s.Sequence).ToArray(),
            }));
    }

    public int DeleteWeeksOtherThan(string thisWeek, string lastWeek)
    {
        using var timing = metrics.Time(Store, "delete_old_weeks");
        return database.Run(c => c.Execute(
            "DELETE FROM leaderboard_scores WHERE period NOT IN (@allTime, @thisWeek, @lastWeek)",
            new { allTime = LeaderboardScoreRecord.AllTime, thisWeek, lastWeek }));
    }

    private static LeaderboardScoreRecord WithId(LeaderboardScoreRecord score)
    {
        score.Id = LeaderboardScoreRecord.IdOf(score.Board, score.Period, score.User);
        return score;
    }

    // No id column: the key is (board, period, user), which the record's id spells out.
    private void Import(IReadOnlyList<LeaderboardScoreRecord> records) =>
        database.Copy("leaderboard_scores", "board, period, user_id, score, sequence", records, (row, s) =>
        {
            row.Write(s.Board, NpgsqlDbType.Text);
            row.Write(s.Period, NpgsqlDbType.Text);
            row.Write(s.User, NpgsqlDbType.Integer);
            row.Write(s.Score, NpgsqlDbType.Double);
            row.Write(s.Sequence, NpgsqlDbType.Bigint);
        });
}
