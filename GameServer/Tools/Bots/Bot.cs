using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.Players;

namespace GameServer.Tools.Bots;

/// <summary>
/// One headless player on a connection of its own. It logs in as its user (registering it the first
/// time), subscribes to the players it sees and, by its <see cref="Behaviour"/>, to the chat or the
/// monsters, then acts (<c>Bot.Behaviours.cs</c>) until the window closes. When the connection drops
/// it reconnects, to the next node of a cluster, and resumes with its token (<c>Bot.Reconnect.cs</c>).
/// As a receiver (<c>Bot.Receive.cs</c>) it measures how long the other bots' moves take to reach it.
/// </summary>
internal sealed partial class Bot(string username, Behaviour behaviour, Swarm swarm, BotsOptions options) : IAsyncDisposable
{
    public const string Password = "bot password";

    private const int MaxRateLimitedAttempts = 30;

    private readonly Random _random = new();
    private GameClient? _client;

    // Cancelled when the connection closes: a call sent after the server's close frame would wait for an answer forever.
    private CancellationTokenSource? _connection;
    private string? _token;
    private volatile bool _connected;

    public string Username => username;

    public Behaviour Behaviour => behaviour;

    public Swarm Swarm => swarm;

    public int PlayerId { get; private set; }

    /// <summary>The index of the node (of <c>--url</c>'s list) the bot joined: its figures are that node's.</summary>
    public int HomeNode { get; private set; }

    public bool Connected => _connected;

    public MoveLog Moves { get; } = new();

    public BotCounters Counters { get; } = new();

    /// <summary>Send to answer of this bot's calls, by method; written by its behaviour loop only.</summary>
    public Dictionary<string, LatencyHistogram> RoundTrips { get; } = new(StringComparer.Ordinal);

    /// <summary>Connects to node <paramref name="node"/> of <paramref name="urls"/>, logs in (or registers) and subscribes; the player's position comes with the snapshot.</summary>
    public async Task JoinAsync(ValueList<Uri> urls, int node, CancellationToken cancellationToken)
    {
        (_urls, _node, HomeNode) = (urls, node, node);
        await ConnectAsync(urls[node], cancellationToken);
        try
        {
            var (auth, registered) = await LogInAsync(cancellationToken);
            _token = auth.Token;
            await SubscribeAsync(auth.User.Id, cancellationToken);
            swarm.Joined(this, registered);
            _connected = true;
        }
        catch (WebSocketException)
        {
            // The server closed the connection mid-join: an overloaded server's login deadline (1008) shows here.
            var status = _client!.Closed.IsCompleted ? await _client.Closed : null;
            swarm.Errors.Add(status is { } s ? string.Create(CultureInfo.InvariantCulture, $"join dropped (closed {(int)s})") : "join dropped");
            throw;
        }
    }

    private async Task<(AuthResult Auth, bool Registered)> LogInAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await RateLimitedAsync(Methods.AuthLogin, c => c.LoginAsync(username, Password, cancellationToken), cancellationToken), false);
        }
        catch (GameRpcException e) when (e.Code == ErrorCodes.Unauthenticated)
        {
            // Unknown (or, with someone else's database, taken with another password: registering then says so).
            return (await RateLimitedAsync(Methods.AuthRegister, c => c.RegisterAsync(username, Password, cancellationToken), cancellationToken), true);
        }
    }

    /// <summary>Acts until the window closes, reconnecting whenever the connection drops.</summary>
    public async Task LiveAsync(CancellationToken cancellationToken)
    {
        while (!swarm.Over(Stopwatch.GetTimestamp()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var acting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _connection!.Token);
                await ActAsync(acting.Token);
            }
            catch (Exception e) when (IsDrop(e) && !cancellationToken.IsCancellationRequested)
            {
                // Counted below, by the close status the client saw.
            }

            if (_client!.Closed.IsCompleted && !swarm.Over(Stopwatch.GetTimestamp()) && !await ReconnectAsync(cancellationToken))
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _connected = false;
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _connection?.Dispose();
    }

    private async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            _client = await GameClient.ConnectAsync(url, cancellationToken);
        }
        catch (WebSocketException)
        {
            swarm.Errors.Add("connect");
            throw;
        }

        _connectedAt = Stopwatch.GetTimestamp();
        _client.NotificationReceived += OnNotification;
        _connection?.Dispose();
        var connection = _connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = _client.Closed.ContinueWith(
            _ =>
            {
                // The moment of the loss, for how long the bot was out of play: before anything waiting on the close runs.
                Volatile.Write(ref _lostAt, Stopwatch.GetTimestamp());
                CancelQuietly(connection);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task SubscribeAsync(int userId, CancellationToken cancellationToken)
    {
        var snapshot = await CallAsync(
            Methods.PlayersSubscribe,
            c => c.SubscribePlayersAsync(_view, new PlayersSubscribeParams(options.Radius, options.Compact), cancellationToken));

        // Whole world or radius, the snapshot holds the subscriber's own player: it is at distance 0.
        var own = snapshot.Players.FirstOrDefault(p => p.User == userId)
            ?? throw new InvalidOperationException($"{username}: the players.subscribe snapshot lacks the bot's own player");
        (PlayerId, _x, _y) = (own.Id, own.PositionX, own.PositionY);
        if (behaviour == Behaviour.Hunt)
        {
            var monsters = await CallAsync(Methods.MonstersSubscribe, c => c.SubscribeMonstersAsync(new MonstersSubscribeParams(options.Radius, Partial: true), cancellationToken));
            lock (_monsters)
            {
                _monsters.Clear();
                foreach (var monster in monsters.Monsters)
                {
                    _monsters[monster.Id] = (monster.PositionX, monster.PositionY);
                }
            }
        }
        else if (behaviour == Behaviour.Chat)
        {
            await CallAsync(Methods.ChatSubscribe, c => c.SubscribeToChatAsync(cancellationToken));
        }
    }

    // Registration and login hash a password on the server: when its queue is full they are refused, and wait as told.
    private async Task<T> RateLimitedAsync<T>(string method, Func<GameClient, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CallAsync(method, call);
            }
            catch (GameRpcException e) when (e.Code == ErrorCodes.RateLimited && attempt < MaxRateLimitedAttempts)
            {
                await Task.Delay(e.RetryAfter ?? TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    /// <summary>One call, timed and counted; an error answer is counted by method and code, and thrown on.</summary>
    private async Task<T> CallAsync<T>(string method, Func<GameClient, Task<T>> call)
    {
        var sentAt = Stopwatch.GetTimestamp();
        Counters.MessageOut();
        try
        {
            var result = await call(_client!);
            Record(method, sentAt);
            PlayingAgain();
            return result;
        }
        catch (GameRpcException e)
        {
            Record(method, sentAt);
            // A login of a user not yet made is how registration starts, not an error.
            if (!(method == Methods.AuthLogin && e.Code == ErrorCodes.Unauthenticated))
            {
                swarm.Errors.Add(string.Create(CultureInfo.InvariantCulture, $"{method} {e.Code}"));
            }

            throw;
        }
    }

    private void Record(string method, long sentAt)
    {
        var elapsed = Stopwatch.GetTimestamp() - sentAt;
        Counters.MessageIn();
        if (!RoundTrips.TryGetValue(method, out var histogram))
        {
            RoundTrips[method] = histogram = new LatencyHistogram();
        }

        histogram.Record(elapsed);
    }

    private static void CancelQuietly(CancellationTokenSource connection)
    {
        try
        {
            connection.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The bot has moved on to another connection, or is done.
        }
    }

    private bool IsDrop(Exception e) =>
        (e is WebSocketException or ObjectDisposedException or InvalidOperationException && _client is { State: not WebSocketState.Open })
        || (e is OperationCanceledException && _client is { Closed.IsCompleted: true });
}
