using System.Collections.Immutable;

namespace GameServer.Leaderboards;

/// <summary>
/// One board's standings for one period, kept sorted as scores change. The order is the framework's
/// <see cref="ImmutableSortedSet{T}"/>, an AVL tree whose nodes know their subtree's size, so a rank
/// (<c>IndexOf</c>), an entry by rank (the indexer), an insert and a removal are each O(log n). A change
/// builds a new tree sharing all but O(log n) nodes with the old one; readers take the current tree and
/// read a consistent snapshot without a lock. Writers (and <see cref="Find"/>) hold the board's lock.
/// </summary>
public sealed class Ranking(string periodKey)
{
    /// <summary>How many entries a subscriber watches: a change of rank or score within them is a change of the top.</summary>
    public const int TopSize = 10;

    private readonly Dictionary<int, RankedScore> _byUser = [];
    private readonly HashSet<int> _unsaved = [];
    private ImmutableSortedSet<RankedScore> _order = ImmutableSortedSet.Create<RankedScore>(RankedScoreOrder.Instance);

    /// <summary>Where the standings are stored: <c>all</c>, or the ISO week's key such as <c>2026-W49</c>.</summary>
    public string PeriodKey => periodKey;

    /// <summary>The standings now, best first; safe to read without the board's lock.</summary>
    public ImmutableSortedSet<RankedScore> Order => Volatile.Read(ref _order);

    /// <summary>Adds <paramref name="points"/> to the user's score, reached at <paramref name="sequence"/>; true when the top 10 changed.</summary>
    public bool Add(int user, double points, long sequence)
    {
        var order = _order;
        var wasInTop = false;
        var score = points;
        if (_byUser.TryGetValue(user, out var old))
        {
            wasInTop = InTop(order, old);
            order = order.Remove(old);
            score += old.Score;
        }

        var now = new RankedScore(user, score, sequence);
        order = order.Add(now);
        _byUser[user] = now;
        _unsaved.Add(user);
        Volatile.Write(ref _order, order);
        return wasInTop || InTop(order, now);
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
