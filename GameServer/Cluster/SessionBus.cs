using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using GameServer.Realtime;

namespace GameServer.Cluster;

/// <summary>
/// Notifications for sessions wherever they are: to a user (each of the user's sessions on every node)
/// or to a topic (each node hands it to the topic's local deliverer, its subscribers). Serialised once by
/// the feature; the bytes travel as they are and each node queues them on its own sessions.
/// </summary>
public sealed class SessionBus
{
    private const string UserChannel = "session.user";
    private const string TopicChannel = "session.topic";

    private readonly ClusterBus _bus;
    private readonly SessionRegistry _sessions;
    private readonly ConcurrentDictionary<string, Func<OutboundMessage, int>> _topics = new(StringComparer.Ordinal);

    // The sessions this node queued a user message or topic message for, last time: what the publisher learns back.
    [ThreadStatic]
    private static int t_delivered;

    public SessionBus(ClusterBus bus, SessionRegistry sessions)
    {
        _bus = bus;
        _sessions = sessions;
        bus.On(UserChannel, OnUserMessage);
        bus.On(TopicChannel, OnTopicMessage);
    }

    /// <summary>Queues <paramref name="message"/> for every session of <paramref name="userId"/> on every node; returns how many on this one.</summary>
    public int SendToUser(int userId, OutboundMessage message)
    {
        if (!_bus.CrossesNodes && !_sessions.IsOnline(userId))
        {
            return 0;
        }

        var method = Encoding.UTF8.GetBytes(message.Method ?? string.Empty);
        var payload = new byte[4 + 1 + method.Length + message.Payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(payload, userId);
        WriteTail(payload.AsSpan(4), method, message.Payload.Span);
        return PublishCounted(UserChannel, payload);
    }

    /// <summary>Hands <paramref name="message"/> to <paramref name="topic"/>'s deliverer on every node; returns how many sessions took it on this one.</summary>
    public int Broadcast(string topic, OutboundMessage message)
    {
        var name = Encoding.UTF8.GetBytes(topic);
        var method = Encoding.UTF8.GetBytes(message.Method ?? string.Empty);
        if (name.Length > byte.MaxValue)
        {
            throw new ArgumentException("a topic name is at most 255 bytes", nameof(topic));
        }

        var payload = new byte[1 + name.Length + 1 + method.Length + message.Payload.Length];
        payload[0] = (byte)name.Length;
        name.CopyTo(payload.AsSpan(1));
        WriteTail(payload.AsSpan(1 + name.Length), method, message.Payload.Span);
        return PublishCounted(TopicChannel, payload);
    }

    /// <summary>
    /// Names the local deliverer of <paramref name="topic"/>: it queues a message for this node's
    /// subscribers and returns how many took it (a feature may take its own lock around it).
    /// </summary>
    public void AddTopic(string topic, Func<OutboundMessage, int> deliver)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(deliver);
        if (!_topics.TryAdd(topic, deliver))
        {
            throw new InvalidOperationException($"the topic '{topic}' already has a deliverer");
        }
    }

    /// <summary>Delivers <paramref name="topic"/> to <paramref name="subscribers"/> on each node.</summary>
    public void AddTopic(string topic, Subscribers subscribers)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        AddTopic(topic, subscribers.Broadcast);
    }

    private int PublishCounted(string channel, byte[] payload)
    {
        t_delivered = 0;
        _bus.Publish(channel, payload);
        return t_delivered;
    }

    private static void WriteTail(Span<byte> destination, ReadOnlySpan<byte> method, ReadOnlySpan<byte> json)
    {
        if (method.Length > byte.MaxValue)
        {
            throw new ArgumentException("a method name is at most 255 bytes", nameof(method));
        }

        destination[0] = (byte)method.Length;
        method.CopyTo(destination[1..]);
        json.CopyTo(destination[(1 + method.Length)..]);
    }

    private static OutboundMessage ReadTail(ReadOnlyMemory<byte> tail)
    {
        var methodLength = tail.Span[0];
        var method = methodLength == 0 ? null : Encoding.UTF8.GetString(tail.Span.Slice(1, methodLength));
        return OutboundMessage.Shared(tail[(1 + methodLength)..], method);
    }

    private void OnUserMessage(ReadOnlyMemory<byte> payload)
    {
        var userId = BinaryPrimitives.ReadInt32LittleEndian(payload.Span);
        t_delivered = _sessions.IsOnline(userId) ? _sessions.SendToUser(userId, ReadTail(payload[4..])) : 0;
    }

    private void OnTopicMessage(ReadOnlyMemory<byte> payload)
    {
        var nameLength = payload.Span[0];
        var topic = Encoding.UTF8.GetString(payload.Span.Slice(1, nameLength));
        t_delivered = _topics.TryGetValue(topic, out var deliver) ? deliver(ReadTail(payload[(1 + nameLength)..])) : 0;
    }
}
