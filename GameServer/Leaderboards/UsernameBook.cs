using System.Collections.Concurrent;

namespace GameServer.Leaderboards;

/// <summary>
/// Usernames by user id for the entries of a board: filled at start-up and then once per new user, so
/// answering a page never reads the accounts' collection. Usernames never change.
/// </summary>
public sealed class UsernameBook(Func<int, string?> find)
{
    private readonly ConcurrentDictionary<int, string> _names = new();

    public string Of(int user) => _names.GetOrAdd(user, id => find(id) ?? $"user {id}");

    public void Add(IEnumerable<(int Id, string Username)> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        foreach (var (id, username) in users)
        {
            _names[id] = username;
        }
    }
}
