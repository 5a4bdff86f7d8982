using Dapper;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace GameServer.Analytics;

/// <summary>The <c>analytics_events</c> and <c>analytics_days</c> tables of the PostgreSQL database (schema version 3).</summary>
public sealed class PostgresAnalyticsStore(PostgresDatabase database, StoreMetrics metrics) : IAnalyticsStore
{
    private const string Store = "analytics";
    private const string EventsTable = LiteDbAnalyticsStore.EventsCollection;
    private const string DaysTable = LiteDbAnalyticsStore.DaysCollection;
    private const string EventFields = "type, user_id, at, session_seconds, in_world, distance, moves, item, monster, health_points, defeats, message, length";
    private const string EventColumns = "id, type, user_id AS \"user\", at, session_seconds, in_world, distance, moves, item, monster, health_points, defeats, message, length";
    private const string DayColumns = "id, active_users, new_users, sessions, session_seconds_median, session_seconds_p90, event_types, event_counts, hours";

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<AnalyticsEvent>(EventsTable, () => Count(EventsTable), () => database.Stream<AnalyticsEvent>($"SELECT {EventColumns} FROM {EventsTable} ORDER BY id"), ImportEvents, () => database.Truncate(EventsTable)),
        new RecordSet<AnalyticsDay>(DaysTable, () => Count(DaysTable), () => database.Stream<DayRow>($"SELECT {DayColumns} FROM {DaysTable} ORDER BY id").Select(ToDay), ImportDays, () => database.Truncate(DaysTable)),
    ];

    /// <summary>One binary COPY for the batch; the ids come from the table's identity, in the batch's order.</summary>
    public void Append(IReadOnlyList<AnalyticsEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var timing = metrics.Time(Store, "append");
        if (events.Count == 0)
        {
            return;
        }

        database.InTransaction(c =>
        {
            var ids = c.Query<int>($"SELECT nextval(pg_get_serial_sequence('{EventsTable}', 'id'))::integer FROM generate_series(1, @count)", new { count = events.Count }).AsList();
            for (var i = 0; i < events.Count; i++)
            {
                events[i].Id = ids[i];
            }

            database.Copy(EventsTable, "id, " + EventFields, events, WriteEvent);
        });
    }

    public IReadOnlyList<AnalyticsEvent> Latest(string? type, int? user, int limit)
    {
        using var timing = metrics.Time(Store, "latest");
        // Only the filters given, so each query is one an index answers (type or user, then id).
        var where = (type, user) switch
        {
            (null, null) => "",
            (_, null) => "WHERE type = @type",
            (null, _) => "WHERE user_id = @user",
            _ => "WHERE type = @type AND user_id = @user",
        };
        return database.Run(c => c.Query<AnalyticsEvent>($"SELECT {EventColumns} FROM {EventsTable} {where} ORDER BY id DESC LIMIT @limit", new { type, user, limit }).AsList());
    }

    public IReadOnlyList<AnalyticsEvent> Between(DateTime from, DateTime until)
    {
        using var timing = metrics.Time(Store, "between");
        return database.Run(c => c.Query<AnalyticsEvent>(
            $"SELECT {EventColumns} FROM {EventsTable} WHERE at >= @from AND at < @until ORDER BY id",
            new { from = PostgresDatabase.Utc(from), until = PostgresDatabase.Utc(until) }).AsList());
    }

    public DateTime? OldestEventTime()
    {
        using var timing = metrics.Time(Store, "oldest_event_time");
        return database.Run(c => c.ExecuteScalar<DateTime?>($"SELECT min(at) FROM {EventsTable}"));
    }

    public IReadOnlyList<AnalyticsDay> Days(DateOnly from, DateOnly to)
    {
        using var timing = metrics.Time(Store, "days");
        return database.Run(c => c.Query<DayRow>(
            $"SELECT {DayColumns} FROM {DaysTable} WHERE id BETWEEN @from AND @to ORDER BY id",
            new { from = AnalyticsDay.KeyOf(from), to = AnalyticsDay.KeyOf(to) }).Select(ToDay).ToList());
    }

    public void RollUp(AnalyticsDay day, DateTime from, DateTime until)
    {
        ArgumentNullException.ThrowIfNull(day);
        using var timing = metrics.Time(Store, "roll_up");
        var row = ToRow(day);
        database.InTransaction(c =>
        {
            c.Execute(
                $"""
                INSERT INTO {DaysTable} ({DayColumns})
                VALUES (@Id, @ActiveUsers, @NewUsers, @Sessions, @SessionSecondsMedian, @SessionSecondsP90, @EventTypes, @EventCounts, @Hours)
                ON CONFLICT (id) DO UPDATE SET active_users = excluded.active_users, new_users = excluded.new_users, sessions = excluded.sessions,
                    session_seconds_median = excluded.session_seconds_median, session_seconds_p90 = excluded.session_seconds_p90,
                    event_types = excluded.event_types, event_counts = excluded.event_counts, hours = excluded.hours
                """,
                row);
            c.Execute($"DELETE FROM {EventsTable} WHERE at >= @from AND at < @until", new { from = PostgresDatabase.Utc(from), until = PostgresDatabase.Utc(until) });
        });
    }

    private long Count(string table) => database.Run(c => c.ExecuteScalar<long>($"SELECT count(*) FROM {table}"));

    private void ImportEvents(IReadOnlyList<AnalyticsEvent> events) => database.Import(EventsTable, "id, " + EventFields, events, WriteEvent);

    // The days are keyed by date, with no identity to move on.
    private void ImportDays(IReadOnlyList<AnalyticsDay> days) => database.Copy(DaysTable, DayColumns, [.. days.Select(ToRow)], (row, d) =>
    {
        row.Write(d.Id, NpgsqlDbType.Text);
        row.Write(d.ActiveUsers, NpgsqlDbType.Integer);
        row.Write(d.NewUsers, NpgsqlDbType.Integer);
        row.Write(d.Sessions, NpgsqlDbType.Integer);
        row.Write(d.SessionSecondsMedian, NpgsqlDbType.Double);
        row.Write(d.SessionSecondsP90, NpgsqlDbType.Double);
        row.Write(d.EventTypes, NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Write(d.EventCounts, NpgsqlDbType.Array | NpgsqlDbType.Integer);
        row.Write(d.Hours, NpgsqlDbType.Array | NpgsqlDbType.Integer);
    });

    private static void WriteEvent(NpgsqlBinaryImporter row, AnalyticsEvent e)
    {
        row.Write(e.Id, NpgsqlDbType.Integer);
        row.Write(e.Type, NpgsqlDbType.Text);
        row.Write(e.User, NpgsqlDbType.Integer);
        row.Write(PostgresDatabase.Utc(e.At), NpgsqlDbType.TimestampTz);
        WriteOrNull(row, e.SessionSeconds, NpgsqlDbType.Double);
        WriteOrNull(row, e.InWorld, NpgsqlDbType.Boolean);
        WriteOrNull(row, e.Distance, NpgsqlDbType.Double);
        WriteOrNull(row, e.Moves, NpgsqlDbType.Integer);
        WriteOrNull(row, e.Item, NpgsqlDbType.Text);
        WriteOrNull(row, e.Monster, NpgsqlDbType.Integer);
        WriteOrNull(row, e.HealthPoints, NpgsqlDbType.Integer);
        WriteOrNull(row, e.Defeats, NpgsqlDbType.Integer);
        WriteOrNull(row, e.Message, NpgsqlDbType.Integer);
        WriteOrNull(row, e.Length, NpgsqlDbType.Integer);
    }

    private static void WriteOrNull<T>(NpgsqlBinaryImporter row, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            row.WriteNull();
        }
        else
        {
            row.Write(value, type);
        }
    }

    private static DayRow ToRow(AnalyticsDay day) => new()
    {
        Id = day.Id,
        ActiveUsers = day.ActiveUsers,
        NewUsers = day.NewUsers,
        Sessions = day.Sessions,
        SessionSecondsMedian = day.SessionSecondsMedian,
        SessionSecondsP90 = day.SessionSecondsP90,
        EventTypes = [.. day.Events.Keys],
        EventCounts = [.. day.Events.Values],
        Hours = day.Hours,
    };

    private static AnalyticsDay ToDay(DayRow row) => new()
    {
        Id = row.Id,
        ActiveUsers = row.ActiveUsers,
        NewUsers = row.NewUsers,
        Sessions = row.Sessions,
        SessionSecondsMedian = row.SessionSecondsMedian,
        SessionSecondsP90 = row.SessionSecondsP90,
        Events = row.EventTypes.Zip(row.EventCounts).ToDictionary(p => p.First, p => p.Second),
        Hours = row.Hours,
    };

    /// <summary>A row of <c>analytics_days</c>: the day with its events per type as two arrays.</summary>
    private sealed class DayRow
    {
        public string Id { get; set; } = "";

        public int ActiveUsers { get; set; }

        public int NewUsers { get; set; }

        public int Sessions { get; set; }

        public double SessionSecondsMedian { get; set; }

        public double SessionSecondsP90 { get; set; }

        public string[] EventTypes { get; set; } = [];

        public int[] EventCounts { get; set; } = [];

        public int[] Hours { get; set; } = [];
    }
}
