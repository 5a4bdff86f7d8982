using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Cluster.Authority;

/// <summary>The operations an authority answers, by name, with their types: what both the local call and a forwarded one need.</summary>
internal sealed class AuthorityOperations
{
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);

    public void Add<TRequest, TResult>(string operation, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResult> result, Func<TRequest, TResult> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_operations.TryAdd(operation, new Operation<TRequest, TResult>(request, result, handler)))
        {
            throw new InvalidOperationException($"the operation '{operation}' already has a handler");
        }
    }

    public Operation<TRequest, TResult> Get<TRequest, TResult>(string operation) =>
        _operations.TryGetValue(operation, out var found)
            ? found as Operation<TRequest, TResult> ?? throw new InvalidOperationException($"the operation '{operation}' is not {typeof(TRequest).Name} → {typeof(TResult).Name}")
            : throw new InvalidOperationException($"the operation '{operation}' has no handler");

    public Operation? Find(string operation) => _operations.GetValueOrDefault(operation);

    internal abstract class Operation
    {
        /// <summary>Runs the handler on a forwarded request; the result as JSON.</summary>
        public abstract JsonElement Run(JsonElement request);
    }

    internal sealed class Operation<TRequest, TResult>(JsonTypeInfo<TRequest> request, JsonTypeInfo<TResult> result, Func<TRequest, TResult> handler) : Operation
    {
        public Func<TRequest, TResult> Handler => handler;

        public JsonElement Serialize(TRequest value) => JsonSerializer.SerializeToElement(value, request);

        public TResult Deserialize(JsonElement value) => value.Deserialize(result)!;

        public override JsonElement Run(JsonElement value) => JsonSerializer.SerializeToElement(handler(value.Deserialize(request)!), result);
    }
}
