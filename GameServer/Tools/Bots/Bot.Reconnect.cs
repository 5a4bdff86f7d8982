using System.Diagnostics;
using System.Globalization;
using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;

namespace GameServer.Tools.Bots;

internal sealed partial class Bot
{
    private const int MaxReconnectAttempts = 5;

    private ValueList<Uri> _urls = new([]);

    // The node of _urls the bot is connected to now.
    private int _node;

    // Stopwatch timestamp of the last connection's loss, and of a loss not yet played past (0: none):
    // written on the closing client's thread, read by the behaviour loop.
    private long _lostAt;
    private long _outOfPlaySince;

    // When the current connection was made: a loss recorded before it belongs to an earlier connection.
    private long _connectedAt;

    // Resumes with the token, as a game client would after a drop: on the next node of the list (the
    // same one when there is one), a bounded number of tries half a second more apart each, then gives up.
    private async Task<bool> ReconnectAsync(CancellationToken cancellationToken)
    {
        _connected = false;
        var status = await _client!.Closed;
        // The close's own continuation records the moment; should this await have run first, now is as good.
        var lostAt = Volatile.Read(ref _lostAt) is var at && at >= _connectedAt ? at : Stopwatch.GetTimestamp();
        swarm.Reconnects.Add(status is { } s ? string.Create(CultureInfo.InvariantCulture, $"closed {(int)s}") : "dropped");
        for (var attempt = 1; attempt <= MaxReconnectAttempts; attempt++)
        {
            await _client.DisposeAsync();
            var node = (_node + 1) % _urls.Count;
            try
            {
                // A node that is down is passed over at the next attempt: the list cycles.
                _node = node;
                await ConnectAsync(_urls[node], cancellationToken);
                var auth = await CallAsync(Methods.AuthResume, c => c.ResumeAsync(_token!, _connection!.Token));
                await SubscribeAsync(auth.User.Id, _connection!.Token);
                _connected = true;
                OutOfPlaySince(lostAt);
                return true;
            }
            catch (Exception e) when ((IsDrop(e) || e is GameRpcException) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(0.5 * attempt), cancellationToken);
            }
        }

        swarm.Errors.Add("reconnect gave up");
        return false;
    }

    // Back in play at the first call of its behaviour answered after the resume (a move accepted, a
    // message sent): a move refused while the world has no owner is not playing yet. An idle bot has
    // nothing to call, so it is back once subscribed.
    private void OutOfPlaySince(long lostAt)
    {
        if (behaviour == Behaviour.Idle)
        {
            swarm.BackInPlay(Stopwatch.GetTimestamp() - lostAt);
        }
        else
        {
            Volatile.Write(ref _outOfPlaySince, lostAt);
        }
    }

    private void PlayingAgain()
    {
        var since = Volatile.Read(ref _outOfPlaySince);
        if (since != 0 && _connected && Interlocked.CompareExchange(ref _outOfPlaySince, 0, since) == since)
        {
            swarm.BackInPlay(Stopwatch.GetTimestamp() - since);
        }
    }
}
