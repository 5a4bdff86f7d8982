using System.Text.Json;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.Players;
using GameServer.Storage;
using GameServer.Tests.CommandLine;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Storage;

/// <summary>
/// <c>GameServer storage copy</c>: a game played on LiteDB moves to PostgreSQL and back losing
/// nothing, record by record; a target that holds records is refused unless --force.
/// </summary>
[Category("Integration")]
[CancelAfter(180_000)]
public sealed class CopyTests
{
    private const string LiteDb = "--Storage:Provider=LiteDb";

    [Test]
    public async Task A_played_game_copied_to_PostgreSQL_and_back_compares_equal_record_by_record()
    {
        using var directory = new TempDirectory();
        var original = directory.File("game.db");
        var back = directory.File("back.db");
        var postgres = $"postgres:{TestPostgres.Shared.CreateDatabase()}";
        await PlayAsync(original);

        var there = await CommandLineHelpTests.InvokeAsync(["storage", "copy", "--from", $"litedb:{original}", "--to", postgres]);
        Assert.That(there.ExitCode, Is.Zero, there.Error);
        var returned = await CommandLineHelpTests.InvokeAsync(["storage", "copy", "--from", postgres, "--to", $"litedb:{back}"]);
        Assert.That(returned.ExitCode, Is.Zero, returned.Error);

        var originalRecords = await ReadAllAsync(LiteDb, $"--Storage:Path={original}");
        Assert.That(originalRecords.Keys, Is.SupersetOf(new[] { "users", "auth_tokens", "items", "inventories", "inventory_items", "players", "chat_messages", "monsters" }));
        foreach (var table in new[] { "users", "auth_tokens", "items", "inventories", "inventory_items", "players", "chat_messages", "monsters" })
        {
            Assert.That(originalRecords[table], Is.Not.Empty, $"the game wrote {table}");
        }

        Assert.That(originalRecords.Values.Sum(r => r.Count), Is.GreaterThan(0));
        Assert.That(there.Output, Does.Contain($"Copied {originalRecords.Values.Sum(r => r.Count)} records"));
        var inPostgres = await ReadAllAsync("--Storage:Provider=Postgres", $"--Storage:ConnectionString={postgres["postgres:".Length..]}");
        var backRecords = await ReadAllAsync(LiteDb, $"--Storage:Path={back}");
        foreach (var (table, records) in originalRecords)
        {
            Assert.That(inPostgres[table], Is.EqualTo(records), $"{table} in PostgreSQL");
            Assert.That(backRecords[table], Is.EqualTo(records), $"{table} back in LiteDB");
        }

        // The copy is a working game: the password hashes and tokens came along.
        await using var server = await InProcessServer.StartAsync(LiteDb, $"--Storage:Path={back}");
        var client = await server.ConnectAsync();
        var name = JsonDocument.Parse(originalRecords["users"][0]).RootElement.GetProperty("Username").GetString()!;
        Assert.That((await client.LoginAsync(name, Some.Password)).User.Username, Is.EqualTo(name));
    }

    [Test]
    public async Task A_target_that_holds_records_is_refused_unless_forced()
    {
        using var directory = new TempDirectory();
        var original = directory.File("game.db");
        var postgres = $"postgres:{TestPostgres.Shared.CreateDatabase()}";
        await PlayAsync(original, rounds: 1);
        var first = await CommandLineHelpTests.InvokeAsync(["storage", "copy", "--from", $"litedb:{original}", "--to", postgres]);
        Assert.That(first.ExitCode, Is.Zero, first.Error);
        var before = await ReadAllAsync("--Storage:Provider=Postgres", $"--Storage:ConnectionString={postgres["postgres:".Length..]}");

        var refused = await CommandLineHelpTests.InvokeAsync(["storage", "copy", "--from", $"litedb:{original}", "--to", postgres]);

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("holds records").And.Contain("--force"));
        Assert.That(refused.Error, Does.Not.Contain("Password="), "the connection string is shown without a password");
        Assert.That(await ReadAllAsync("--Storage:Provider=Postgres", $"--Storage:ConnectionString={postgres["postgres:".Length..]}"), Is.EqualTo(before), "nothing changed");

        var forced = await CommandLineHelpTests.InvokeAsync(["storage", "copy", "--from", $"litedb:{original}", "--to", postgres, "--force"]);

        Assert.That(forced.ExitCode, Is.Zero, forced.Error);
        Assert.That(await ReadAllAsync("--Storage:Provider=Postgres", $"--Storage:ConnectionString={postgres["postgres:".Length..]}"), Is.EqualTo(before), "emptied, then the same records again");
    }

    [Test]
    public async Task A_database_a_server_is_using_is_refused()
    {
        await using var server = await InProcessServer.StartAsync(LiteDb);
        using var directory = new TempDirectory();

        var (exitCode, _, error) = await CommandLineHelpTests.InvokeAsync(["storage", "copy", "--from", $"litedb:{server.DatabasePath}", "--to", $"litedb:{directory.File("copy.db")}"]);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("in use by a running server"));
    }

    [Test]
    public async Task Without_a_terminal_the_progress_is_a_plain_line_per_table()
    {
        using var directory = new TempDirectory();
        var original = directory.File("game.db");
        await PlayAsync(original, rounds: 1);

        var (exitCode, _, error) = await CommandLineHelpTests.InvokeAsync(["storage", "copy", "--from", $"litedb:{original}", "--to", $"litedb:{directory.File("copy.db")}"]);

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(error, Does.Not.Contain("\r").And.Not.Contain("\u001b"));
        Assert.That(error, Does.Contain("users: ").And.Contain("chat_messages: "));
    }

    /// <summary>A game played on a LiteDB file through the real server: users, items, gifts, moves, chat, monsters, scores.</summary>
    private static async Task PlayAsync(string path, int rounds = 3)
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(clock.Register, LiteDb, $"--Storage:Path={path}", "--Gifts:Enabled=true");
        var (admin, _) = await server.ConnectAsAdminAsync();
        var sword = await admin.CreateItemAsync("sword", 3.5);
        var players = new List<Protocol.Client.GameClient>();
        for (var i = 0; i < 3; i++)
        {
            var (client, _) = await server.ConnectAsUserAsync();
            players.Add(client);
        }

        var mine = await players[0].MyInventoryAsync();
        await admin.AddItemToInventoryAsync(mine.Id, sword.Id);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var client in players)
            {
                await client.MoveAsync(1, 1);
                await client.SendChatAsync($"round {round}");
            }

            // Gift runs, position and score saves.
            await clock.AdvanceAsync(server, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Every record of every table of a database, as JSON, in id order.</summary>
    private static async Task<Dictionary<string, List<string>>> ReadAllAsync(params string[] settings)
    {
        await using var app = Program.Build(["--urls", "http://127.0.0.1:0", "--Monsters:Count=0", "--Serilog:MinimumLevel:Default=Warning", .. settings]);
        return app.Services.GetServices<IRecordSource>()
            .SelectMany(s => s.RecordSets)
            .ToDictionary(s => s.Name, s => s.ReadAll().Select(r => JsonSerializer.Serialize(r, r.GetType())).ToList());
    }
}
