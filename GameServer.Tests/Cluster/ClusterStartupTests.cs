using GameServer.Protocol.System;
using GameServer.Tests.CommandLine;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameServer.Tests.Cluster;

/// <summary>Cluster mode is asked for with <c>Cluster:Redis</c>, needs PostgreSQL, and says so when it is not there.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class ClusterStartupTests
{
    [Test]
    public async Task Cluster_mode_on_a_LiteDB_file_stops_the_start_with_exit_code_2()
    {
        using var directory = new TempDirectory();
        var (exitCode, _, _) = await CommandLineHelpTests.InvokeAsync(
            ["--urls", "http://127.0.0.1:0", "--Storage:Provider=LiteDb", $"--Storage:Path={directory.File("game.db")}", "--Cluster:Redis=127.0.0.1:6379"])
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exitCode, Is.EqualTo(2));
    }

    [TestCase("--Cluster:Redis=127.0.0.1:6379", "Cluster:Redis needs Storage:Provider=Postgres")]
    [TestCase("--Cluster:HeartbeatInterval=00:00:03", "Cluster:HeartbeatInterval must be at most a third of Cluster:LeaseTimeout")]
    [TestCase("--Cluster:Name=two words", "Cluster:Name must be 1 to 64 letters")]
    [TestCase("--Cluster:ClientUrls:0=https://eu1.example.com/ws", "Cluster:ClientUrls must be absolute ws:// or wss:// URLs; 'https://eu1.example.com/ws' is not")]
    [TestCase("--Cluster:ClientUrls:0=eu1.example.com/ws", "Cluster:ClientUrls must be absolute ws:// or wss:// URLs")]
    [TestCase("--Cluster:ClientUrls:0=wss://eu1.example.com/ws?a=1", "Cluster:ClientUrls must be absolute ws:// or wss:// URLs")]
    public async Task A_bad_cluster_setting_is_refused_naming_the_key(string setting, string message)
    {
        using var directory = new TempDirectory();
        await using var app = Program.Build(["--urls", "http://127.0.0.1:0", "--Storage:Provider=LiteDb", $"--Storage:Path={directory.File("game.db")}", setting]);

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.That(refused!.Message, Does.Contain(message));
    }

    [Test]
    public async Task A_node_on_PostgreSQL_meets_Redis_and_serves()
    {
        await using var server = await InProcessServer.StartAsync(
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}",
            $"--Cluster:Redis={TestRedis.Shared.Configuration}", $"--Cluster:Name={TestRedis.GameName()}");

        var redis = server.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.That(await redis.GetDatabase().PingAsync(), Is.LessThan(TimeSpan.FromSeconds(5)));
        var client = await server.ConnectAsync();
        Assert.That(await client.PingAsync(), Is.Not.Null);
    }

    [Test]
    public async Task Without_cluster_redis_nothing_of_the_cluster_is_registered()
    {
        await using var server = await InProcessServer.StartAsync();

        Assert.That(server.Services.GetService<IConnectionMultiplexer>(), Is.Null);
    }
}
