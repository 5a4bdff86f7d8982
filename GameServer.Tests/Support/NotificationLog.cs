using GameServer.Protocol.Client;
using GameServer.Protocol.System;

namespace GameServer.Tests.Support;

/// <summary>Everything one client was told, in order; <see cref="SettleAsync"/> makes sure nothing is still on the way.</summary>
public sealed class NotificationLog
{
    private readonly GameClient _client;
    private readonly List<GameNotification> _received = [];

    public NotificationLog(GameClient client)
    {
        _client = client;
        client.NotificationReceived += n =>
        {
            lock (_received)
            {
                _received.Add(n);
            }
        };
    }

    public IReadOnlyList<GameNotification> Of(string method)
    {
        lock (_received)
        {
            return [.. _received.Where(n => n.Method == method)];
        }
    }

    public void Clear()
    {
        lock (_received)
        {
            _received.Clear();
        }
    }

    /// <summary>
    /// A ping's answer queues behind every notification already sent to this client, so once it is back
    /// the log holds all of them: a barrier, not a wait.
    /// </summary>
    public Task SettleAsync() => _client.PingAsync();
}
