using System.Text.Json.Serialization.Metadata;

namespace GameServer.Cluster.Authority;

/// <summary>One process, one node: it is always the authority; operations run here and no change leaves the process.</summary>
public sealed class LocalAuthorities : IAuthorities
{
    private readonly Dictionary<string, LocalAuthority> _authorities = [];

    public IAuthority Get(string name)
    {
        lock (_authorities)
        {
            if (!_authorities.TryGetValue(name, out var authority))
            {
                _authorities[name] = authority = new LocalAuthority(name);
            }

            return authority;
        }
    }

    private sealed class LocalAuthority(string name) : IAuthority
    {
        private readonly AuthorityOperations _operations = new();

        public string Name => name;

        public bool IsHere => true;

        public void Follow(Action<bool> handler)
        {
            ArgumentNullException.ThrowIfNull(handler);
            handler(true);
        }

        // Nothing to lose the link to.
        public void OnLinkRestored(Action handler) => ArgumentNullException.ThrowIfNull(handler);

        public void Answer<TRequest, TResult>(string operation, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResult> result, Func<TRequest, TResult> handler) =>
            _operations.Add(operation, request, result, handler);

        public ValueTask<TResult> AskAsync<TRequest, TResult>(string operation, TRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_operations.Get<TRequest, TResult>(operation).Handler(request));

        // Nobody else to tell.
        public void Publish<T>(string stream, T changes, JsonTypeInfo<T> type)
        {
        }

        public void OnChanges<T>(string stream, JsonTypeInfo<T> type, Action<T> apply)
        {
        }

        public void WriteFenced(Action write)
        {
            ArgumentNullException.ThrowIfNull(write);
            write();
        }
    }
}
