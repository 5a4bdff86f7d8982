using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GameServer.Tests.Support;

/// <summary>
/// Keeps every log line written through it, so tests can assert what reached the log. A line ends
/// with the scopes it was written in, each after " => ", as the console logger shows them.
/// </summary>
public sealed class CollectingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CollectingLogger(CollectingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel}: {formatter(state, exception)} {exception}");
            provider._scopes.ForEachScope((scope, text) => text.Append(" => ").Append(scope), line);
            provider.Lines.Enqueue(line.ToString());
        }
    }
}
