using System.Collections;

namespace GameServer.Realtime.JsonRpc;

/// <summary>
/// The log scope of one JSON-RPC call: every line written while it runs, by the dispatcher or by the
/// handler and the services below it, carries the session id, the user (once logged in) and the
/// method, as <c>SessionId</c>, <c>User</c> and <c>Method</c> properties (Serilog shows them).
/// </summary>
internal sealed class RequestLogScope(long sessionId, string? user, string method) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 3;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("SessionId", sessionId),
        1 => new("User", user),
        2 => new("Method", method),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // What a provider that prints scopes as text (the console's IncludeScopes) shows.
    public override string ToString() => $"session {sessionId} user {user ?? "(none)"} method {method}";
}
