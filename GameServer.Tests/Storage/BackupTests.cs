using GameServer.CommandLine;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.Players;
using GameServer.Tests.CommandLine;
using GameServer.Tests.Support;

namespace GameServer.Tests.Storage;

/// <summary>
/// <c>GameServer storage backup</c>: a copy made while players move, chat and get gifts opens as a
/// database and holds every record acknowledged before the backup was asked for.
/// </summary>
[Category("Integration")]
[CancelAfter(120_000)]
public sealed class BackupTests
{
    private const int Players = 4;

    // The backup copies a LiteDB file, whichever provider the rest of the run uses.
    private const string LiteDb = "--Storage:Provider=LiteDb";

    [Test]
    public async Task A_backup_while_players_move_and_gifts_are_given_holds_every_acknowledged_record()
    {
        using var directory = new TempDirectory();
        var copy = directory.File("backup.db");
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(clock.Register, LiteDb, "--Gifts:Enabled=true");
        var players = new List<(GameClient Client, string Name)>();
        for (var i = 0; i < Players; i++)
        {
            var (client, auth) = await server.ConnectAsUserAsync();
            players.Add((client, auth.User.Username));
        }

        for (var round = 0; round < 3; round++)
        {
            await PlayRoundAsync(server, clock, players, round);
        }

        var acknowledged = await SnapshotAsync(players);

        // The backup is asked for while the game goes on: moves, chat, gift runs, position saves.
        var backup = CommandLineHelpTests.InvokeAsync(["storage", "backup", "--to", copy, $"--Storage:Path={server.DatabasePath}"]);
        for (var round = 3; round < 40 && !backup.IsCompleted; round++)
        {
            await PlayRoundAsync(server, clock, players, round);
        }

        var (exitCode, output, error) = await backup;
        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Contain("made by the server running at"));

        await using var restored = await InProcessServer.StartAsync(LiteDb, $"--Storage:Path={copy}");
        var copied = new List<(GameClient Client, string Name)>();
        foreach (var (_, name) in players)
        {
            var client = await restored.ConnectAsync();
            await client.LoginAsync(name, Some.Password);
            copied.Add((client, name));
        }

        var inCopy = await SnapshotAsync(copied);
        foreach (var (name, state) in acknowledged)
        {
            Assert.That(inCopy[name].Items, Is.SupersetOf(state.Items), $"{name}'s gifts acknowledged before the backup");
            Assert.That(inCopy[name].Chat, Is.SupersetOf(state.Chat), $"{name}'s chat acknowledged before the backup");
        }

        // Consistent: no inventory names an item the copy lacks (a gift and its link land together).
        var (admin, _) = await restored.ConnectAsAdminAsync();
        var items = (await admin.ListItemsAsync(limit: 1000)).Select(i => i.Id).ToHashSet();
        Assert.That(inCopy.Values.SelectMany(s => s.Items), Is.SubsetOf(items));
    }

    [Test]
    public async Task A_backup_with_the_server_stopped_copies_the_file()
    {
        using var directory = new TempDirectory();
        var database = directory.File("game.db");
        var copy = directory.File("backup.db");
        string name;
        await using (var server = await InProcessServer.StartAsync(LiteDb, $"--Storage:Path={database}"))
        {
            var (client, auth) = await server.ConnectAsUserAsync();
            name = auth.User.Username;
            await client.SendChatAsync("kept");
        }

        var (exitCode, output, error) = await CommandLineHelpTests.InvokeAsync(["storage", "backup", "--to", copy, $"--Storage:Path={database}"]);

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Contain("the server was not running"));
        Assert.That(File.Exists(GameServer.Storage.LiteDb.GameDatabase.LogFilePath(copy)), Is.False, "the copy is one file");
        await using var restored = await InProcessServer.StartAsync(LiteDb, $"--Storage:Path={copy}");
        var restoredClient = await restored.ConnectAsync();
        await restoredClient.LoginAsync(name, Some.Password);
        Assert.That((await restoredClient.ChatHistoryAsync()).Messages.Select(m => m.Text), Does.Contain("kept"));
    }

    [Test]
    public async Task An_existing_file_is_kept_unless_forced()
    {
        using var directory = new TempDirectory();
        var database = directory.File("game.db");
        var copy = directory.File("backup.db");
        await using (await InProcessServer.StartAsync(LiteDb, $"--Storage:Path={database}"))
        {
        }

        await File.WriteAllTextAsync(copy, "precious");

        var refused = await CommandLineHelpTests.InvokeAsync(["storage", "backup", "--to", copy, $"--Storage:Path={database}"]);
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("--force"));
        Assert.That(await File.ReadAllTextAsync(copy), Is.EqualTo("precious"));

        var forced = await CommandLineHelpTests.InvokeAsync(["storage", "backup", "--to", copy, "--force", $"--Storage:Path={database}"]);
        Assert.That(forced.ExitCode, Is.Zero, forced.Error);
        Assert.That(new FileInfo(copy).Length, Is.GreaterThan(8));
    }

    [Test]
    public async Task No_database_is_refused_and_nothing_is_created()
    {
        using var directory = new TempDirectory();

        var (exitCode, _, error) = await CommandLineHelpTests.InvokeAsync(["storage", "backup", "--to", directory.File("backup.db"), $"--Storage:Path={directory.File("none.db")}"]);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("No database"));
        Assert.That(Directory.GetFiles(directory.Path), Is.Empty);
    }

    [Test]
    public async Task PostgreSQL_is_sent_to_pg_dump()
    {
        using var directory = new TempDirectory();

        var (exitCode, _, error) = await CommandLineHelpTests.InvokeAsync(["storage", "backup", "--to", directory.File("backup.db"), "--Storage:Provider=Postgres"]);

        Assert.That(exitCode, Is.EqualTo(CommandLineRunner.UsageError));
        Assert.That(error, Does.Contain("pg_dump"));
    }

    [Test]
    public async Task A_misspelt_provider_is_named_and_nothing_is_copied()
    {
        using var directory = new TempDirectory();

        var (exitCode, _, error) = await CommandLineHelpTests.InvokeAsync(["storage", "backup", "--to", directory.File("backup.db"), "--Storage:Provider=Postgress"]);

        Assert.That(exitCode, Is.EqualTo(CommandLineRunner.UsageError));
        Assert.That(error, Does.Contain("Storage:Provider").And.Contain("Postgress"));
        Assert.That(Directory.GetFiles(directory.Path), Is.Empty);
    }

    private static async Task PlayRoundAsync(InProcessServer server, VirtualClock clock, List<(GameClient Client, string Name)> players, int round)
    {
        foreach (var (client, _) in players)
        {
            await client.MoveAsync(1, round % 2 == 0 ? 1 : -1);
            await client.SendChatAsync($"round {round}");
        }

        // A gift run and the position saves, all finished before the round ends.
        await clock.AdvanceAsync(server, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
    }

    private static async Task<Dictionary<string, PlayerState>> SnapshotAsync(List<(GameClient Client, string Name)> players)
    {
        var states = new Dictionary<string, PlayerState>();
        foreach (var (client, name) in players)
        {
            MyInventory inventory = await client.MyInventoryAsync();
            var chat = (await client.ChatHistoryAsync(200)).Messages.Where(m => m.Username == name).Select(m => m.Id).ToList();
            states[name] = new PlayerState([.. inventory.Items.Select(i => i.Id)], chat);
        }

        return states;
    }

    private sealed record PlayerState(IReadOnlyList<int> Items, IReadOnlyList<int> Chat);
}
