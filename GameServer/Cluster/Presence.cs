using GameServer.Realtime;

namespace GameServer.Cluster;

/// <summary>
/// Who is in the world, across the nodes: a user is online while any session of theirs in the world
/// (not a dashboard) is open on any node. This node's part comes from its sessions; the other nodes'
/// parts, in cluster mode, from the bus (each change at once) and Redis (in full when a node joins or
/// comes back, dropped when its heartbeat dies). <see cref="Changed"/> tells the world.
/// </summary>
public sealed class Presence
{
    private readonly SessionRegistry _sessions;
    private readonly Lock _lock = new();
    private readonly HashSet<int> _here = [];
    private readonly Dictionary<string, HashSet<int>> _elsewhere = new(StringComparer.Ordinal);
    private IPresenceMirror? _mirror;

    public Presence(SessionRegistry sessions)
    {
        _sessions = sessions;
        sessions.SignedIn += session => OnLocalChange(session.User!.Id);
        sessions.SignedOut += (_, user) => OnLocalChange(user.Id);
    }

    /// <summary>
    /// Raised with a user and whether they are online anywhere, after each sign-in or sign-out here and
    /// each change elsewhere; raised one at a time, in order, so the last call is the truth.
    /// </summary>
    public event Action<int, bool>? Changed;

    /// <summary>Whether the user is in the world on any node.</summary>
    public bool IsOnline(int userId)
    {
        lock (_lock)
        {
            return IsOnlineLocked(userId);
        }
    }

    /// <summary>The users in the world on any node; a snapshot.</summary>
    public IReadOnlyCollection<int> OnlineUsers
    {
        get
        {
            lock (_lock)
            {
                var all = new HashSet<int>(_here);
                foreach (var users in _elsewhere.Values)
                {
                    all.UnionWith(users);
                }

                return all;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> with the users in the world on this node, under the lock that
    /// orders their changes: no change slips between the snapshot and what the mirror does with it.
    /// </summary>
    internal void WithHere(Action<IReadOnlyCollection<int>> write)
    {
        lock (_lock)
        {
            write(_here);
        }
    }

    /// <summary>Connects the Redis side, in cluster mode; each change here is then written and published through it.</summary>
    internal void Mirror(IPresenceMirror mirror) => _mirror = mirror;

    /// <summary>A user came or went on another node.</summary>
    internal void Apply(string node, int userId, bool online)
    {
        lock (_lock)
        {
            if (!_elsewhere.TryGetValue(node, out var users))
            {
                _elsewhere[node] = users = [];
            }

            var changed = online ? users.Add(userId) : users.Remove(userId);
            if (changed)
            {
                Changed?.Invoke(userId, IsOnlineLocked(userId));
            }
        }
    }

    /// <summary>Another node's users as Redis holds them now (it joined, or came back, or we did).</summary>
    internal void Replace(string node, IReadOnlySet<int> users)
    {
        lock (_lock)
        {
            var before = _elsewhere.GetValueOrDefault(node) ?? [];
            _elsewhere[node] = [.. users];
            foreach (var userId in before.Union(users).Where(u => before.Contains(u) != users.Contains(u)))
            {
                Changed?.Invoke(userId, IsOnlineLocked(userId));
            }
        }
    }

    /// <summary>Another node is gone (its heartbeat expired, or it left): its users are offline unless on another.</summary>
    internal void Drop(string node)
    {
        lock (_lock)
        {
            if (!_elsewhere.Remove(node, out var users))
            {
                return;
            }

            foreach (var userId in users)
            {
                Changed?.Invoke(userId, IsOnlineLocked(userId));
            }
        }
    }

    /// <summary>How many users this node believes <paramref name="node"/> has, to check against Redis.</summary>
    internal int CountOn(string node)
    {
        lock (_lock)
        {
            return _elsewhere.TryGetValue(node, out var users) ? users.Count : 0;
        }
    }

    /// <summary>The other nodes this node has users of.</summary>
    internal IReadOnlyList<string> KnownNodes
    {
        get
        {
            lock (_lock)
            {
                return [.. _elsewhere.Keys];
            }
        }
    }

    // Derived from the registry, so the last of several devices decides whatever the order of events;
    // raised under the lock so that two threads' verdicts on one user reach the world in order.
    private void OnLocalChange(int userId)
    {
        lock (_lock)
        {
            var inWorld = _sessions.SessionsOf(userId).Any(s => s.User is { InWorld: true });
            var changed = inWorld ? _here.Add(userId) : _here.Remove(userId);
            if (changed)
            {
                _mirror?.Write(userId, inWorld);
            }

            Changed?.Invoke(userId, IsOnlineLocked(userId));
        }
    }

    private bool IsOnlineLocked(int userId) =>
        _here.Contains(userId) || _elsewhere.Values.Any(users => users.Contains(userId));
}
