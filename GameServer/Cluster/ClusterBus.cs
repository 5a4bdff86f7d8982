using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Cluster;

/// <summary>
/// Messages every node hears: a feature registers a handler for a channel and publishes on it; the
/// handler runs on every node for every message, the publishing node included. There it runs at once
/// on the publisher's thread, and the copy that comes back from the other nodes' transport is dropped,
/// so nothing is delivered twice. On a single node (no <see cref="IBusTransport"/>) that local delivery
/// is all there is: one code path either way. The bus knows no feature; channel names are theirs.
/// </summary>
public sealed partial class ClusterBus(ILogger<ClusterBus> logger, IBusTransport? transport = null)
{
    private readonly ConcurrentDictionary<string, Action<ReadOnlyMemory<byte>>> _handlers = new(StringComparer.Ordinal);

    /// <summary>Whether messages also reach other nodes (cluster mode).</summary>
    public bool CrossesNodes => transport is not null;

    /// <summary>Runs <paramref name="handler"/> for each message on <paramref name="channel"/>; one handler per channel.</summary>
    public void On(string channel, Action<ReadOnlyMemory<byte>> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_handlers.TryAdd(channel, handler))
        {
            throw new InvalidOperationException($"the bus channel '{channel}' already has a handler");
        }
    }

    /// <summary>Runs <paramref name="handler"/> for each message on <paramref name="channel"/>, read as JSON.</summary>
    public void On<T>(string channel, JsonTypeInfo<T> type, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(handler);
        On(channel, payload => handler(JsonSerializer.Deserialize(payload.Span, type)!));
    }

    /// <summary>Delivers <paramref name="payload"/> here now and sends it to the other nodes.</summary>
    public void Publish(string channel, ReadOnlyMemory<byte> payload)
    {
        Deliver(channel, payload);
        transport?.Publish(channel, payload);
    }

    /// <summary>Publishes <paramref name="message"/> as JSON.</summary>
    public void Publish<T>(string channel, T message, JsonTypeInfo<T> type) =>
        Publish(channel, JsonSerializer.SerializeToUtf8Bytes(message, type));

    /// <summary>A message from another node.</summary>
    internal void Receive(string channel, ReadOnlyMemory<byte> payload) => Deliver(channel, payload);

    // A failing handler is the feature's bug: logged, and the publisher and the other channels go on.
    private void Deliver(string channel, ReadOnlyMemory<byte> payload)
    {
        if (!_handlers.TryGetValue(channel, out var handler))
        {
            LogNoHandler(channel);
            return;
        }

        try
        {
            handler(payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHandlerFailed(e, channel);
        }
    }

    [LoggerMessage(LogLevel.Debug, "No handler for bus channel {Channel}; message dropped")]
    private partial void LogNoHandler(string channel);

    [LoggerMessage(LogLevel.Error, "The handler of bus channel {Channel} failed")]
    private partial void LogHandlerFailed(Exception exception, string channel);
}
