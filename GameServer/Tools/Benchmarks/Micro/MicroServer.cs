using System.Net;
using System.Net.WebSockets;
using GameServer.Players;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Tools.Benchmarks.Micro;

/// <summary>
/// The whole server as <see cref="Program.Build"/> composes it, on a temporary database, but never
/// started: no Kestrel, no jobs, nothing running but what a benchmark calls. Its connections are
/// real <see cref="Session"/>s, each with its receive loop and single writer running over a real
/// WebSocket whose bytes are discarded (<see cref="DiscardingStream"/>), so a frame goes through
/// everything it goes through in production except the kernel.
/// </summary>
internal sealed class MicroServer : IDisposable
{
    private readonly string _directory;
    private readonly WebApplication _app;
    private readonly List<(DiscardingStream Stream, Session Session, Task Running)> _connections = [];
    private int _lastUser = 1_000_000;

    private MicroServer(string directory, WebApplication app)
    {
        _directory = directory;
        _app = app;
        Sessions = app.Services.GetRequiredService<SessionRegistry>();
        Dispatcher = app.Services.GetRequiredService<JsonRpcDispatcher>();
        World = app.Services.GetRequiredService<PlayerWorld>();
        Feed = app.Services.GetRequiredService<PlayerFeed>();
    }

    public SessionRegistry Sessions { get; }

    public JsonRpcDispatcher Dispatcher { get; }

    public PlayerWorld World { get; }

    public PlayerFeed Feed { get; }

    /// <summary>Bytes every connection has been sent so far, WebSocket framing included.</summary>
    public long BytesSent => _connections.Sum(c => c.Stream.BytesWritten);

    /// <summary>Builds the server with <paramref name="settings"/> added to the measured defaults (logs at Warning).</summary>
    public static MicroServer Create(params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gameserver-micro-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var app = Program.Build([.. ServerProcess.MeasuredServerSettings(Path.Combine(directory, "game.db")), .. settings]);
            var server = new MicroServer(directory, app);
            server.World.Load();
            return server;
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Stores players at random places (seeded), connects a session for each, logs it in and brings
    /// the player online, as a login would. Their first patch is sent before this returns.
    /// </summary>
    public IReadOnlyList<BenchPlayer> AddPlayers(int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var store = _app.Services.GetRequiredService<IPlayerStore>();
        var size = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorldOptions>>().Value;
        var records = new List<PlayerRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var userId = ++_lastUser;
            records.Add(new PlayerRecord { User = userId, Username = $"micro{userId}", PositionX = random.NextDouble() * size.Width, PositionY = random.NextDouble() * size.Height });
        }

        // One transaction: a commit per player would spend the set-up on the file's flushes.
        store.InsertMany(records);
        var players = new List<BenchPlayer>(count);
        foreach (var (userId, username) in records.Select(r => (r.User, r.Username)))
        {
            var session = Connect();
            session.SignIn(new SessionUser(userId, username, IsAdmin: false), credentialId: $"micro-{userId}");
            World.SetOnline(userId, online: true);
            players.Add(new BenchPlayer(userId, session));
        }

        return players;
    }

    /// <summary>Opens a session over a discarding WebSocket and starts its loops.</summary>
    public Session Connect()
    {
        var stream = new DiscardingStream();
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var session = Sessions.Open(socket, IPAddress.Loopback, "127.0.0.1:0");
        _connections.Add((stream, session, Task.Run(() => session.RunAsync(Dispatcher))));
        return session;
    }

    /// <summary>Waits, spinning, until the session's writer has sent everything queued for it.</summary>
    public static void WaitUntilSent(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var spinner = default(SpinWait);
        while (session.QueuedBytes != 0)
        {
            if (session.IsClosing)
            {
                throw new InvalidOperationException($"session {session.Id} closed while the benchmark waited: {session.CloseDescription}");
            }

            // Never Thread.Sleep(1): the wait must not add a millisecond to a microsecond operation.
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    public static void WaitUntilSent(IEnumerable<BenchPlayer> players)
    {
        ArgumentNullException.ThrowIfNull(players);
        foreach (var player in players)
        {
            WaitUntilSent(player.Session);
        }
    }

    public void Dispose()
    {
        foreach (var (stream, _, _) in _connections)
        {
            stream.End();
        }

        foreach (var (_, session, running) in _connections)
        {
            running.Wait(TimeSpan.FromSeconds(10));
            Sessions.Close(session);
        }

        ((IDisposable)_app).Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>A player of a benchmark world and its logged-in connection.</summary>
internal sealed record BenchPlayer(int UserId, Session Session);
