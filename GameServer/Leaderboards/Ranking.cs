using System.Collections.Immutable;

namespace GameServer.Leaderboards;

/// <summary>
/// One board's standings for one period, kept sorted as scores change. The order is the framework's
/// <see cref="ImmutableSortedSet{T}"/>, an AVL tree whose nodes know their subtree's size, so a rank
/// (<c>IndexOf</c>), an entry by rank (the indexer), an insert and a removal are each O(log n). A change
/// builds a new tree sharing all but O(log n) nodes with the old one; readers take the current tree and
/// read a consistent snapshot without a lock. Writers (and <see cref="Find"/>, <see cref="Settled"/>)
/// hold the board's lock.
/// <para>
/// Only the top 10 is placed at once. A score that stays below the 10th entry is recorded (its user's
/// score is exact at once) and placed in the tree when the whole order is next read, or when
/// <see cref="MaxUnplaced"/> users wait: players walking at 10 Hz change their distance ten times a
/// second, and nobody sees the order below the top in between. Scores only grow, so a waiting user
/// stays below the 10th until its own next count, which places it if it reaches the top.
/// </para>
/// </summary>
public sealed class Ranking(string periodKey)
{
    /// <summary>How many entries a subscriber watches: a change of rank or score within them is a change of the top.</summary>
    public const int TopSize = 10;

    /// <summary>Users whose place may wait at most; bounds the work of the read that places them.</summary>
    public const int MaxUnplaced = 1024;

    private readonly Dictionary<int, RankedScore> _byUser = [];
    private readonly HashSet<int> _unsaved = [];

    // The users whose score changed below the top since the tree last held them, each with the entry the
    // tree holds for them (none for a user new to it).
    private readonly Dictionary<int, RankedScore?> _unplaced = [];
    private ImmutableSortedSet<RankedScore> _order = ImmutableSortedSet.Create<RankedScore>(RankedScoreOrder.Instance);

    /// <summary>Where the standings are stored: <c>all</c>, or the ISO week's key such as <c>2026-W49</c>.</summary>
    public string PeriodKey => periodKey;

    /// <summary>
    /// The standings best first, exact in the top 10 (below it, see <see cref="Settled"/>); safe to read
    /// without the board's lock.
    /// </summary>
    public ImmutableSortedSet<RankedScore> Top => Volatile.Read(ref _order);

    /// <summary>Adds <paramref name="points"/> to the user's score, reached at <paramref name="sequence"/>; true when the top 10 changed.</summary>
    public bool Add(int user, double points, long sequence)
    {
        var order = _order;
        var known = _byUser.TryGetValue(user, out var old);
        var waiting = _unplaced.TryGetValue(user, out var placed);
        var now = new RankedScore(user, known ? old.Score + points : points, sequence);
        _byUser[user] = now;
        _unsaved.Add(user);

        // A waiting user is below the 10th (see the remarks above); anyone else is where the tree says.
        var wasInTop = known && !waiting && InTop(order, old);
        if (!wasInTop && !InTop(order, now))
        {
            if (!waiting)
            {
                _unplaced[user] = known ? old : null;
                if (_unplaced.Count >= MaxUnplaced)
                {
                    Settled();
                }
            }

            return false;
        }

        if (waiting)
        {
            _unplaced.Remove(user);
            order = placed is { } entry ? order.Remove(entry) : order;
        }
        else if (known)
        {
            order = order.Remove(old);
        }

        order = order.Add(now);
        Volatile.Write(ref _order, order);
        return wasInTop || InTop(order, now);
    }

    /// <summary>The whole standings, best first, with every waiting user placed; the caller holds the board's lock.</summary>
    public ImmutableSortedSet<RankedScore> Settled()
    {
        if (_unplaced.Count == 0)
        {
            return _order;
        }

        var order = _order.ToBuilder();
        foreach (var (user, placed) in _unplaced)
        {
            if (placed is { } entry)
            {
                order.Remove(entry);
            }

            order.Add(_byUser[user]);
        }

        _unplaced.Clear();
        var settled = order.ToImmutable();
        Volatile.Write(ref _order, settled);
        return settled;
    }

    // Compared with the 10th entry rather than found by IndexOf: the path to the 10th is the same few
    // nodes every time and stays in the cache, where a player's own path is a walk through cold memory.
    private static bool InTop(ImmutableSortedSet<RankedScore> order, RankedScore member) =>
        order.Count <= TopSize || RankedScoreOrder.Instance.Compare(member, order[TopSize - 1]) <= 0;

    /// <summary>The user's score, if it has one.</summary>
    public RankedScore? Find(int user) => _byUser.TryGetValue(user, out var score) ? score : null;

    /// <summary>Replaces everything with stored scores; at start-up, before any event is counted.</summary>
    public void Load(IEnumerable<RankedScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        _byUser.Clear();
        foreach (var score in scores.Where(s => s.Score > 0))
        {
            _byUser[score.User] = score;
        }

        _unplaced.Clear();
        Volatile.Write(ref _order, ImmutableSortedSet.CreateRange(RankedScoreOrder.Instance, _byUser.Values));
    }

    /// <summary>The scores changed since the last call: the next batch to store.</summary>
    public List<RankedScore> TakeUnsaved()
    {
        var unsaved = _unsaved.Select(user => _byUser[user]).ToList();
        _unsaved.Clear();
        return unsaved;
    }

    /// <summary>Marks users unsaved again after a failed write; their latest scores go in the next batch.</summary>
    public void ReturnUnsaved(IEnumerable<int> users) => _unsaved.UnionWith(users);
}
