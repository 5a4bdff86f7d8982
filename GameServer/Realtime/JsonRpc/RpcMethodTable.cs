using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Realtime.JsonRpc;

/// <summary>A feature's JSON-RPC handlers, added to the method table at start-up.</summary>
public interface IRpcMethods
{
    /// <summary>Adds this feature's methods.</summary>
    void MapTo(RpcMethodTable.Builder methods);
}

/// <summary>
/// Every JSON-RPC method the server answers, built once at start-up from an explicit list of
/// features (no reflection scanning) and frozen for lock-free lookups.
/// </summary>
public sealed class RpcMethodTable
{
    private readonly FrozenDictionary<string, RpcMethod> _methods;
    private readonly FrozenDictionary<string, RpcMethod>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private RpcMethodTable(Dictionary<string, RpcMethod> methods)
    {
        _methods = methods.ToFrozenDictionary(StringComparer.Ordinal);
        _bySpan = _methods.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The names of all methods, for docs and diagnostics.</summary>
    public IEnumerable<string> Names => _methods.Keys;

    /// <summary>Builds a table from the given features' methods.</summary>
    public static RpcMethodTable Create(params IEnumerable<IRpcMethods> features)
    {
        var builder = new Builder();
        foreach (var feature in features)
        {
            feature.MapTo(builder);
        }

        return new RpcMethodTable(builder.Methods);
    }

    internal bool TryGet(ReadOnlySpan<char> name, out RpcMethod method) => _bySpan.TryGetValue(name, out method!);

    /// <summary>Collects methods; a name added twice is a start-up error.</summary>
    public sealed class Builder
    {
        internal Dictionary<string, RpcMethod> Methods { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// Adds a method with typed params and result. A <paramref name="nonBlocking"/> handler never
        /// blocks its thread (no storage call, no lock held long, no wait) and does little work, so it
        /// runs on the thread that read its frame, which may be the socket engine's (<see cref="SocketThread"/>);
        /// any other handler runs on the thread pool.
        /// </summary>
        public Builder Add<TParams, TResult>(
            string name,
            RpcAccess access,
            JsonTypeInfo<TParams> paramsInfo,
            JsonTypeInfo<TResult> resultInfo,
            RpcHandler<TParams, TResult> handler,
            bool nonBlocking = false)
        {
            if (!Methods.TryAdd(name, new RpcMethod<TParams, TResult>(name, access, paramsInfo, resultInfo, handler, nonBlocking)))
            {
                throw new InvalidOperationException($"JSON-RPC method {name} is mapped twice");
            }

            return this;
        }
    }
}
