using System.Text.Json.Serialization.Metadata;

namespace GameServer.Cluster.Authority;

/// <summary>
/// The one node at a time that decides for something shared (a world): it answers the operations that
/// change it, writes it under a fence, and publishes its changes once; every other node forwards those
/// operations to it and applies what it publishes to a copy of its own. On one node this node is
/// always the authority and nothing crosses. The authority knows no feature: operations and change
/// streams are named and typed by the features that plug in.
/// </summary>
public interface IAuthority
{
    /// <summary>What it is the authority over, e.g. <c>world:default</c>; also the name of its lease.</summary>
    string Name { get; }

    /// <summary>Whether this node is the authority now and may act as it (by its lease's own clock).</summary>
    bool IsHere { get; }

    /// <summary>
    /// Calls <paramref name="handler"/> with true when this node becomes the authority (at once when it
    /// is already) and with false when it stops. True comes before this node answers any forwarded
    /// operation, so the handler can load what it decides on first; false after it stopped answering.
    /// </summary>
    void Follow(Action<bool> handler);

    /// <summary>
    /// Calls <paramref name="handler"/> (on the thread pool) each time this node's link to the other
    /// nodes comes back after a break (Redis restarted, a partition healed): whatever the authority
    /// published meanwhile, or this node published as it, was lost on the way. Never on one node.
    /// </summary>
    void OnLinkRestored(Action handler);

    /// <summary>Answers <paramref name="operation"/> wherever it is asked, while this node is the authority; one handler per operation.</summary>
    void Answer<TRequest, TResult>(string operation, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResult> result, Func<TRequest, TResult> handler);

    /// <summary>
    /// Runs <paramref name="operation"/> where the authority is: here at once, or on the authority's node,
    /// waiting a bounded time for its answer. Its errors (an <c>RpcException</c>) come back as they were
    /// thrown; no authority within <c>Cluster:ForwardTimeout</c> is -32050 (<c>OwnerUnavailable</c>).
    /// </summary>
    ValueTask<TResult> AskAsync<TRequest, TResult>(string operation, TRequest request, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="changes"/> to every other node's <see cref="OnChanges{T}"/>; only while this node is the authority.</summary>
    void Publish<T>(string stream, T changes, JsonTypeInfo<T> type);

    /// <summary>Applies what the authority publishes on <paramref name="stream"/>, on every node but the authority's.</summary>
    void OnChanges<T>(string stream, JsonTypeInfo<T> type, Action<T> apply);

    /// <summary>
    /// Runs <paramref name="write"/> (store calls) in one transaction with a check that no later
    /// authority has written since: an old authority that lost its lease (paused, partitioned) writes
    /// nothing and gets <see cref="AuthorityLostException"/>, as it does when it is not the authority now.
    /// </summary>
    void WriteFenced(Action write);
}

/// <summary>The authorities of this node by name: the same one for the same name.</summary>
public interface IAuthorities
{
    IAuthority Get(string name);
}

/// <summary>This node is not (or no longer) the authority: it must not act as one.</summary>
public sealed class AuthorityLostException(string authority, string why) : Exception($"not the authority over {authority}: {why}");
