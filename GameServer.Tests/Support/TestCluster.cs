using GameServer.Accounts;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tests.Support;

/// <summary>
/// GameServer nodes as separate processes (the built GameServer.dll, started as the benchmarks and the
/// kill/restart tests start it) on loopback ports, sharing one fresh PostgreSQL database of
/// <see cref="TestPostgres"/> and a Redis under a game name of their own. Node <c>i</c> is named
/// <c>node-i</c>; a short lease (2 s, heartbeat every 0.5 s) so that a killed node is found out quickly.
/// Each node is stopped by its PID when the cluster is disposed.
/// </summary>
internal sealed class TestCluster : IDisposable
{
    public static readonly TimeSpan LeaseTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);
    // Generous: on this 2-core machine other suites and builds run beside the tests, and a node is a whole process.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(240);

    private readonly ServerProcess?[] _nodes;
    private readonly string[] _extraSettings;

    private TestCluster(int count, TestRedis redis, string[] extraSettings)
    {
        _nodes = new ServerProcess?[count];
        Redis = redis;
        _extraSettings = extraSettings;
        ConnectionString = TestPostgres.Shared.CreateDatabase();
        GameName = TestRedis.GameName();
    }

    public TestRedis Redis { get; }

    public string ConnectionString { get; }

    /// <summary>The nodes' <c>Cluster:Name</c>.</summary>
    public string GameName { get; }

    /// <summary>The admin made before the nodes started; password <see cref="Some.Password"/>.</summary>
    public string AdminName { get; } = Some.Username("admin");

    /// <summary>Node <paramref name="index"/>; it must be running.</summary>
    public ServerProcess this[int index] => _nodes[index] ?? throw new InvalidOperationException($"node-{index} is not running");

    /// <summary>
    /// Makes the database and its admin with <c>createsuperuser</c> (which migrates it, so the nodes do not race
    /// to), then starts <paramref name="count"/> nodes and waits until each is healthy.
    /// </summary>
    public static async Task<TestCluster> StartAsync(int count, TestRedis redis, params string[] settings)
    {
        var cluster = new TestCluster(count, redis, settings);
        try
        {
            using (var command = ServerProcess.Start("createsuperuser",
                [CreateSuperuserCommand.Name, "--username", cluster.AdminName, .. cluster.StorageSettings, "--Serilog:MinimumLevel:Default=Warning"], standardInput: Some.Password + "\n"))
            {
                if (await command.WaitForExitAsync(StartTimeout) != 0)
                {
                    throw new InvalidOperationException("createsuperuser failed");
                }
            }

            await Task.WhenAll(Enumerable.Range(0, count).Select(index => cluster.StartNodeAsync(index)));
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts node <paramref name="index"/> (again, after <see cref="Kill"/>), with <paramref name="settings"/> over
    /// the cluster's, and waits until it is healthy.
    /// </summary>
    public async Task StartNodeAsync(int index, params string[] settings)
    {
        var node = ServerProcess.Start($"node-{index}",
        [
            .. StorageSettings,
            $"--Cluster:Redis={Redis.Configuration}",
            $"--Cluster:Name={GameName}",
            $"--Cluster:NodeId=node-{index}",
            $"--Cluster:LeaseTimeout={LeaseTimeout}",
            $"--Cluster:HeartbeatInterval={HeartbeatInterval}",
            "--Monsters:TickEnabled=false",
            "--Gifts:Enabled=false",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning",
            .. _extraSettings,
            .. settings,
        ]);
        _nodes[index] = node;
        await node.WaitHealthyAsync(StartTimeout, CancellationToken.None);
    }

    /// <summary>SIGKILLs node <paramref name="index"/>: no goodbye to Redis, as a crash.</summary>
    public void Kill(int index)
    {
        _nodes[index]?.Dispose();
        _nodes[index] = null;
    }

    /// <summary>A client of node <paramref name="index"/>, registered as a new user.</summary>
    public async Task<(GameClient Client, AuthResult Auth)> ConnectAsUserAsync(int index, string? username = null)
    {
        var client = await GameClient.ConnectAsync(this[index].WebSocketAddress);
        return (client, await client.RegisterAsync(username ?? Some.Username(), Some.Password));
    }

    /// <summary>A client of node <paramref name="index"/>, logged in as <paramref name="username"/>.</summary>
    public async Task<(GameClient Client, AuthResult Auth)> ConnectAsync(int index, string username)
    {
        var client = await GameClient.ConnectAsync(this[index].WebSocketAddress);
        return (client, await client.LoginAsync(username, Some.Password));
    }

    /// <summary>What <c>/healthz</c> of node <paramref name="index"/> says now.</summary>
    public async Task<string> HealthAsync(int index)
    {
        using var http = new HttpClient { BaseAddress = this[index].BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            Kill(i);
        }
    }

    private string[] StorageSettings => ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={ConnectionString}"];
}
