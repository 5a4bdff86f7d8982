using GameServer.Accounts;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Support;

/// <summary>
/// The real GameServer, started in this process on a free loopback port with a database of its own:
/// a LiteDB file, or with <c>GAMESERVER_TEST_STORAGE=Postgres</c> a fresh PostgreSQL database of
/// <see cref="TestPostgres"/>. Restarting keeps the database, as a real restart would.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    /// <summary>The environment variable that picks the provider every server of the run uses by default.</summary>
    public const string StorageVariable = "GAMESERVER_TEST_STORAGE";

    /// <summary>A setting for tests of the LiteDB file itself (its modes, its log, its migrations): LiteDB whatever the run's provider.</summary>
    public const string OnLiteDb = "--Storage:Provider=LiteDb";

    private readonly TempDirectory _directory;
    private bool _ownsDirectory;
    private readonly string[] _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly List<GameClient> _clients = [];
    private WebApplication? _app;

    private InProcessServer(TempDirectory directory, bool ownsDirectory, string[] settings, Action<IServiceCollection>? services)
    {
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        _settings = settings;
        _services = services;
    }

    public Uri HttpUri { get; private set; } = null!;

    public Uri WebSocketUri => new UriBuilder(HttpUri) { Scheme = "ws", Path = "/ws" }.Uri;

    public string DatabasePath => _directory.File("game.db");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("not started");

    /// <summary>Starts a server; <paramref name="settings"/> are command-line style overrides such as <c>--World:Width=10</c>.</summary>
    public static Task<InProcessServer> StartAsync(params string[] settings) => StartAsync(new TempDirectory(), ownsDirectory: true, WithStorage(settings), services: null);

    /// <summary>Starts a server with <paramref name="services"/> added or replaced after the real ones (a job, a virtual clock).</summary>
    public static Task<InProcessServer> StartAsync(Action<IServiceCollection> services, params string[] settings) =>
        StartAsync(new TempDirectory(), ownsDirectory: true, WithStorage(settings), services);

    /// <summary>Whether servers of this run use PostgreSQL unless a test says otherwise.</summary>
    public static bool OnPostgresByDefault =>
        string.Equals(Environment.GetEnvironmentVariable(StorageVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The run's provider, unless the settings name one: on PostgreSQL, a new database, kept across restarts.</summary>
    private static string[] WithStorage(string[] settings) =>
        OnPostgresByDefault && !settings.Any(s => s.StartsWith("--Storage:Provider=", StringComparison.OrdinalIgnoreCase))
            ? ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}", .. settings]
            : settings;

    /// <summary>
    /// Connects a client whose calls all end with <paramref name="cancellationToken"/>, by default the
    /// running test's (its <c>[CancelAfter]</c>): a lost reply then fails the test instead of hanging it.
    /// </summary>
    public async Task<GameClient> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var client = await GameClient.ConnectAsync(WebSocketUri, new GameClientOptions { CallCancellation = TestToken(cancellationToken) });
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Connects and registers a new user; returns the client and its login.</summary>
    public async Task<(GameClient Client, AuthResult Auth)> ConnectAsUserAsync(string? username = null, CancellationToken cancellationToken = default)
    {
        var client = await ConnectAsync(cancellationToken);
        var auth = await client.RegisterAsync(username ?? Some.Username(), Some.Password);
        return (client, auth);
    }

    /// <summary>Creates an admin the way createsuperuser does, then connects and logs in as it.</summary>
    public async Task<(GameClient Client, AuthResult Auth)> ConnectAsAdminAsync(string? username = null, CancellationToken cancellationToken = default)
    {
        var name = username ?? Some.Username("admin");
        await Services.GetRequiredService<AccountService>().CreateSuperuserAsync(name, Some.Password);
        var client = await ConnectAsync(cancellationToken);
        return (client, await client.LoginAsync(name, Some.Password));
    }

    /// <summary>Closes the client and waits until the server has closed its side (presence changes then).</summary>
    public async Task DisconnectAsync(GameClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var registry = Services.GetRequiredService<SessionRegistry>();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Closed += _ => closed.TrySetResult();
        await client.DisposeAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestToken(default));
    }

    /// <summary>Stops the server gracefully and starts it again on the same database file.</summary>
    public async Task<InProcessServer> RestartAsync()
    {
        await StopAsync();

        // The directory passes to the new server only once it has started: a refused start leaves it ours to delete.
        var restarted = await StartAsync(_directory, ownsDirectory: true, _settings, _services);
        _ownsDirectory = false;
        return restarted;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsDirectory)
        {
            _directory.Dispose();
        }
    }

    // A token the caller gave, else the running test's; in a OneTimeSetUp there is none.
    private static CancellationToken TestToken(CancellationToken given) =>
        given.CanBeCanceled ? given : TestContext.CurrentContext.CancellationToken;

    private static async Task<InProcessServer> StartAsync(TempDirectory directory, bool ownsDirectory, string[] settings, Action<IServiceCollection>? services)
    {
        var server = new InProcessServer(directory, ownsDirectory, settings, services);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--Storage:Path={directory.File("game.db")}",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning",
            // Gifts and monster ticks on the wall clock would land in the middle of unrelated tests;
            // the tests of those features switch them on, usually on a virtual clock.
            "--Gifts:Enabled=false",
            "--Monsters:TickEnabled=false",
            .. settings,
        ];
        server._app = Program.Build(args, services);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.HttpUri = new Uri(address);
        return server;
    }

    private async Task StopAsync()
    {
        GameClient[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
            _clients.Clear();
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
