using System.Globalization;
using StackExchange.Redis;

namespace GameServer.Leaderboards;

/// <summary>
/// The boards of a cluster, in Redis sorted sets that every node counts into and reads: per board and
/// period (<c>all</c> or a week's key) a sorted set <c>{game}:lb:{board}:{period}</c> and a hash
/// <c>...:members</c> from user to member. A member is <c>{10^15 - sequence, 16 digits}:{user}</c>, the
/// sequence from the counter <c>{game}:lb:sequence</c>: Redis orders equal scores by member, so read
/// highest first, of two equal scores the one reached first comes first, as on one node. Changed
/// scores are remembered in the set <c>{game}:lb:unsaved</c> for the persistence job, and every count
/// that touches a top 10 is published on <c>{game}:lb:top-changed</c> for every node's subscribers.
/// </summary>
public sealed partial class RedisStandings
{
    private const long SequenceBase = 1_000_000_000_000_000;

    // KEYS: all set, all members, week set, week members, sequence, unsaved. ARGV: user, points, board, week, week's lifetime in s.
    // ZINCRBY adds in Redis's own doubles; the score never passes through Lua's 14-digit numbers.
    private const string Count = """
        local seq = redis.call('INCR', KEYS[5])
        local member = string.format('%016d', 1000000000000000 - seq) .. ':' .. ARGV[1]
        local top = {}
        for i = 0, 1 do
          local set, members = KEYS[1 + 2 * i], KEYS[2 + 2 * i]
          local old = redis.call('HGET', members, ARGV[1])
          local wasTop = false
          local score = '0'
          if old then
            local rank = redis.call('ZREVRANK', set, old)
            wasTop = rank and rank < 10
            score = redis.call('ZSCORE', set, old) or '0'
            redis.call('ZREM', set, old)
          end
          redis.call('ZADD', set, score, member)
          redis.call('ZINCRBY', set, ARGV[2], member)
          redis.call('HSET', members, ARGV[1], member)
          top[i + 1] = (wasTop or redis.call('ZREVRANK', set, member) < 10) and 1 or 0
        end
        redis.call('EXPIRE', KEYS[3], ARGV[5])
        redis.call('EXPIRE', KEYS[4], ARGV[5])
        redis.call('SADD', KEYS[6], ARGV[3] .. '|all|' .. ARGV[1], ARGV[3] .. '|' .. ARGV[4] .. '|' .. ARGV[1])
        return top
        """;

    // KEYS: set, members, sequence. ARGV: user, score, sequence. Loads a stored score unless the user has one already.
    private const string Seed = """
        if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
        local member = string.format('%016d', 1000000000000000 - tonumber(ARGV[3])) .. ':' .. ARGV[1]
        redis.call('ZADD', KEYS[1], ARGV[2], member)
        redis.call('HSET', KEYS[2], ARGV[1], member)
        if (tonumber(redis.call('GET', KEYS[3])) or 0) < tonumber(ARGV[3]) then redis.call('SET', KEYS[3], ARGV[3]) end
        return 1
        """;

    // KEYS: set, members. ARGV: user. Answers {total} when the user is unranked, else {total, member, 0-based rank, score}.
    private const string FindScript = """
        local total = redis.call('ZCARD', KEYS[1])
        local member = redis.call('HGET', KEYS[2], ARGV[1])
        if not member then return {total} end
        local rank = redis.call('ZREVRANK', KEYS[1], member)
        local score = redis.call('ZSCORE', KEYS[1], member)
        if not rank or not score then return {total} end
        return {total, member, rank, score}
        """;

    // Three weeks: this week's set is read as last week's through the next.
    private static readonly long WeekLifetimeSeconds = (long)(IsoWeek.Length * 3).TotalSeconds;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly ILogger _logger;
    private readonly Lock _countsGate = new();
    private Task _lastCount = Task.CompletedTask;

    public RedisStandings(IConnectionMultiplexer redis, string gameName, ILogger<RedisStandings> logger)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _prefix = $"{gameName}:lb";
        _logger = logger;
    }

    private IDatabase Database => _redis.GetDatabase();

    private RedisChannel TopChangedChannel => RedisChannel.Literal($"{_prefix}:top-changed");

    /// <summary>Calls <paramref name="changed"/> whenever any node's count may have changed a top 10.</summary>
    public void FollowTopChanges(Action<LeaderboardBoard, string> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        _redis.GetSubscriber().Subscribe(TopChangedChannel, (_, message) =>
        {
            var parts = ((string)message!).Split('|', 2);
            changed(LeaderboardNames.ParseBoard(parts[0]), parts[1]);
        });
    }

    /// <summary>
    /// Adds <paramref name="points"/> to the user's all-time and <paramref name="week"/> scores, without
    /// waiting: a move or a strike never waits for Redis. Counts are sent in order on one connection, so
    /// this node's later reads see them.
    /// </summary>
    public void Add(LeaderboardBoard board, int user, double points, IsoWeek week)
    {
        var counted = AddAsync(board, user, points, week);
        lock (_countsGate)
        {
            _lastCount = counted;
        }
    }

    /// <summary>Completes when this node's counts so far have been applied in Redis (for tests).</summary>
    public Task WhenCountedAsync()
    {
        lock (_countsGate)
        {
            return _lastCount;
        }
    }

    private async Task AddAsync(LeaderboardBoard board, int user, double points, IsoWeek week)
    {
        var name = board.Name();
        RedisKey[] keys = [Set(name, LeaderboardScoreRecord.AllTime), Members(name, LeaderboardScoreRecord.AllTime), Set(name, week.Key), Members(name, week.Key), $"{_prefix}:sequence", $"{_prefix}:unsaved"];
        RedisResult[] top;
        try
        {
            top = (RedisResult[])(await Database.ScriptEvaluateAsync(Count, keys, [user, points, name, week.Key, WeekLifetimeSeconds]))!;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogCountLost(e, name, user);
            return;
        }

        if ((long)top[0] == 1)
        {
            Database.Publish(TopChangedChannel, $"{name}|{LeaderboardScoreRecord.AllTime}", CommandFlags.FireAndForget);
        }

        if ((long)top[1] == 1)
        {
            Database.Publish(TopChangedChannel, $"{name}|{week.Key}", CommandFlags.FireAndForget);
        }
    }

    /// <summary>Entries from rank <paramref name="skip"/> + 1, best first, and how many are ranked (both asked at once).</summary>
    public async Task<(IReadOnlyList<RankedScore> Scores, int Total)> PageAsync(LeaderboardBoard board, string period, int skip, int take)
    {
        var set = Set(board.Name(), period);
        var database = Database;
        var total = database.SortedSetLengthAsync(set);
        var entries = take > 0 ? database.SortedSetRangeByRankWithScoresAsync(set, skip, (long)skip + take - 1, Order.Descending) : null;
        var ranked = (int)await total;
        if (entries is null)
        {
            return ([], ranked);
        }

        return ([.. (await entries).Select(e => ScoreOf(e.Element, e.Score))], ranked);
    }

    /// <summary>The user's score and 0-based rank, if ranked, and how many are ranked: one script, so all three are of one moment.</summary>
    public async Task<(RankedScore? Score, int Index, int Total)> FindAsync(LeaderboardBoard board, string period, int user)
    {
        var name = board.Name();
        var found = (RedisResult[])(await Database.ScriptEvaluateAsync(FindScript, [Set(name, period), Members(name, period)], [user]))!;
        var total = (int)(long)found[0];
        if (found.Length < 4)
        {
            return (null, -1, total);
        }

        return (ScoreOf((RedisValue)found[1], (double)found[3]), (int)(long)found[2], total);
    }

    /// <summary>Loads stored scores of one board and period; a user already counted in Redis keeps its score there.</summary>
    public async Task LoadAsync(LeaderboardBoard board, string period, IEnumerable<RankedScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var name = board.Name();
        RedisKey[] keys = [Set(name, period), Members(name, period), $"{_prefix}:sequence"];
        var batch = Database.CreateBatch();
        var loads = scores.Where(s => s.Score > 0).Select(s => batch.ScriptEvaluateAsync(Seed, keys, [s.User, s.Score, s.Sequence])).ToList();
        batch.Execute();
        await Task.WhenAll(loads);
    }

    /// <summary>Whether this node is the first to load the stored scores into this Redis (it then loads them).</summary>
    public Task<bool> ClaimLoadingAsync() => Database.StringSetAsync($"{_prefix}:loaded", 1, when: When.NotExists);

    /// <summary>Takes up to <paramref name="count"/> changed scores to store; <see cref="ReturnUnsavedAsync"/> puts them back after a failed write.</summary>
    public async Task<List<LeaderboardScoreRecord>> TakeUnsavedAsync(int count)
    {
        var taken = await Database.SetPopAsync($"{_prefix}:unsaved", count);
        var finds = taken.Select(async entry =>
        {
            var parts = ((string)entry!).Split('|');
            var board = LeaderboardNames.ParseBoard(parts[0]);
            var user = int.Parse(parts[2], CultureInfo.InvariantCulture);
            return (await FindAsync(board, parts[1], user)).Score is { } score ? LeaderboardScoreRecord.Of(board, parts[1], score) : null;
        });
        var records = await Task.WhenAll(finds);
        return [.. records.OfType<LeaderboardScoreRecord>()];
    }

    public Task ReturnUnsavedAsync(IEnumerable<LeaderboardScoreRecord> records) =>
        Database.SetAddAsync($"{_prefix}:unsaved", [.. records.Select(r => (RedisValue)$"{r.Board}|{r.Period}|{r.User}")]);

    private RedisKey Set(string board, string period) => $"{_prefix}:{board}:{period}";

    private RedisKey Members(string board, string period) => $"{_prefix}:{board}:{period}:members";

    private static RankedScore ScoreOf(RedisValue member, double score)
    {
        var text = (string)member!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var sequence = SequenceBase - long.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture);
        return new RankedScore(int.Parse(text.AsSpan(colon + 1), CultureInfo.InvariantCulture), score, sequence);
    }

    [LoggerMessage(LogLevel.Warning, "Leaderboard {Board}: a count of user {UserId} could not reach Redis and is lost")]
    private partial void LogCountLost(Exception error, string board, int userId);
}
