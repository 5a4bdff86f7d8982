using GameServer.Protocol.Players;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Storage;

/// <summary>The database holds password hashes and tokens: its files are its owner's alone.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
[Platform(Exclude = "Win")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    public async Task The_database_file_is_readable_by_its_owner_only()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "data", "game.db");
        await using var server = await InProcessServer.StartAsync(InProcessServer.OnLiteDb, $"--Storage:Path={path}");
        var (client, _) = await server.ConnectAsUserAsync();
        await client.ListPlayersAsync();
        var database = server.Services.GetRequiredService<GameDatabase>();

        // Before, both files were created with the umask's mode: 0644, readable by every local user.
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(OwnerOnly));
        Assert.That(File.GetUnixFileMode(GameDatabase.LogFilePath(path)), Is.EqualTo(OwnerOnly));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(path)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));

        database.Checkpoint();
        await server.ConnectAsUserAsync();
        Assert.That(File.GetUnixFileMode(GameDatabase.LogFilePath(path)), Is.EqualTo(OwnerOnly), "still after a checkpoint and more writes");
    }

    [Test]
    public async Task A_file_left_world_readable_by_an_earlier_version_is_made_owner_only()
    {
        using var directory = new TempDirectory();
        var path = directory.File("game.db");
        await using (await InProcessServer.StartAsync(InProcessServer.OnLiteDb, $"--Storage:Path={path}"))
        {
        }

        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var server = await InProcessServer.StartAsync(InProcessServer.OnLiteDb, $"--Storage:Path={path}");
        var (client, _) = await server.ConnectAsUserAsync();

        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(OwnerOnly));
        Assert.That(await client.ListPlayersAsync(), Has.Count.EqualTo(1), "the file still opens and works");
    }
}
