using GameServer.Monsters;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GameServer.Tests.Storage;

/// <summary>Starting on PostgreSQL: migrations once however many processes start together, and a clear refusal when the database is unreachable.</summary>
[Category("Integration")]
public sealed class PostgresStartupTests
{
    [Test]
    public async Task Servers_starting_together_on_one_database_migrate_it_once()
    {
        var connectionString = TestPostgres.Shared.CreateDatabase();
        string[] settings = ["--urls", "http://127.0.0.1:0", "--Storage:Provider=Postgres", $"--Storage:ConnectionString={connectionString}", "--Monsters:Count=7", "--Serilog:MinimumLevel:Default=Warning"];

        var apps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Program.Build(settings))));
        try
        {
            Assert.That(apps[0].Services.GetRequiredService<IMonsterStore>().All(), Has.Count.EqualTo(7), "seeded once, not once per process");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var version = new NpgsqlCommand("SELECT array_agg(version) FROM schema_version", connection);
            var latest = PostgresMigrationRunner.SchemaFiles.Concat(apps[0].Services.GetServices<IPostgresMigration>()).Max(m => m.Version);
            Assert.That(await version.ExecuteScalarAsync(), Is.EqualTo(new[] { latest }), "one row: the latest version");
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    [Test]
    public void An_unreachable_database_stops_the_start_naming_the_setting_without_the_password()
    {
        var closedPort = TestPostgres.FreePort();
        var connectionString = $"Host=127.0.0.1;Port={closedPort};Username=game;Password=s3cret-value;Database=game;Timeout=3";

        var refused = Assert.Throws<StorageUnreachableException>(() => Program.Build(["--urls", "http://127.0.0.1:0", "--Storage:Provider=Postgres", $"--Storage:ConnectionString={connectionString}"]));

        Assert.That(refused!.Message, Does.Contain("Storage:ConnectionString").And.Contain($"Port={closedPort}"));
        Assert.That(refused.Message, Does.Not.Contain("s3cret-value"));
        Assert.That(refused.Message.Split('\n'), Has.Length.EqualTo(1));
    }
}
