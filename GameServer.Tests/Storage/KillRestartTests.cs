using System.Globalization;
using GameServer.Accounts;
using GameServer.Tools.Benchmarks;
using GameServer.Tests.Storage.Durability;
using GameServer.Tests.Support;

namespace GameServer.Tests.Storage;

/// <summary>
/// Kill and restart: the real server as a child process, SIGKILLed at a random moment under writes
/// (registrations, item changes over JSON-RPC and HTTP, gifts every 250 ms); every acknowledged write is
/// there after each restart and the file opens cleanly (the server starts, <c>/healthz</c> is Healthy).
/// The seed is printed; <c>GAMESERVER_DURABILITY_SEED</c> replays it.
/// </summary>
public sealed class KillRestartTests
{
    public const string SeedVariable = "GAMESERVER_DURABILITY_SEED";
    public const string RoundsVariable = "GAMESERVER_DURABILITY_ROUNDS";

    [Test]
    [Category("Integration")]
    [CancelAfter(120_000)]
    public async Task Three_kills_under_writes_lose_no_acknowledged_write() => await KillAndRestartAsync(rounds: 3, fromEnvironment: false);

    /// <summary>The full run: <c>dotnet test GameServer.sln -c Release --filter Category=Durability</c> (20 rounds; <c>GAMESERVER_DURABILITY_ROUNDS</c> changes it).</summary>
    [Test]
    [Explicit("20 restarts of a child process take a minute or two; run with --filter Category=Durability")]
    [Category("Durability")]
    [CancelAfter(1_800_000)]
    public async Task Twenty_kills_under_writes_lose_no_acknowledged_write() => await KillAndRestartAsync(rounds: 20, fromEnvironment: true);

    private static async Task KillAndRestartAsync(int rounds, bool fromEnvironment)
    {
        var seed = Read(SeedVariable) ?? Random.Shared.Next();
        rounds = fromEnvironment ? Read(RoundsVariable) ?? rounds : rounds;
        TestContext.Progress.WriteLine($"durability: seed {seed} ({SeedVariable}={seed} replays it), {rounds} kills");
        using var directory = new TempDirectory();
        var databasePath = directory.File("game.db");
        var admin = Some.Username("admin");
        await CreateAdminAsync(databasePath, admin);

        var run = new DurabilityRun(databasePath, admin, Some.Password, seed, TestContext.Progress.WriteLine);
        var lost = await run.RunAsync(rounds);

        Assert.That(lost, Is.Null, "every acknowledged write survives a SIGKILL");
        Assert.That(run.Acknowledged.Users, Is.GreaterThan(0), "the writers wrote");
    }

    /// <summary>The admin the writers use, made with <c>GameServer createsuperuser</c> before the first start.</summary>
    private static async Task CreateAdminAsync(string databasePath, string name)
    {
        using var command = ServerProcess.Start("createsuperuser",
            [CreateSuperuserCommand.Name, "--username", name, .. ServerProcess.MeasuredServerSettings(databasePath)], standardInput: Some.Password + "\n");
        Assert.That(await command.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, "createsuperuser succeeds");
    }

    private static int? Read(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
