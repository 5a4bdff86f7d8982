using GameServer.Tests.Support;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Players;

/// <summary>A bad <c>World</c> setting stops the server at start with a message naming the key.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class WorldOptionsTests
{
    [TestCase("--World:GridCellSize=0", "World:GridCellSize", TestName = "A_zero_grid_cell_size_stops_the_server_naming_the_key")]
    [TestCase("--World:Width=0", "World:Width")]
    [TestCase("--World:Height=-5", "World:Height")]
    [TestCase("--World:MaxMovesPerSecond=0", "World:MaxMovesPerSecond")]
    [TestCase("--World:MaxRadius=0", "World:MaxRadius")]
    public void A_bad_world_setting_stops_the_server_naming_the_key(string setting, string key)
    {
        using var directory = new TempDirectory();
        string[] args = ["--urls", "http://127.0.0.1:0", $"--Storage:Path={directory.File("game.db")}", setting];

        var error = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Program.Build(args);
            await app.StartAsync();
        });

        Assert.That(error.Message, Does.Contain(key));
    }

    [Test]
    public async Task The_server_exits_with_2_on_a_zero_grid_cell_size()
    {
        using var directory = new TempDirectory();

        // Seeding monsters reads World while migrating, before the host validates: Main must catch it there too.
        var exitCode = await Program.Main(["--urls", "http://127.0.0.1:0", $"--Storage:Path={directory.File("game.db")}", "--World:GridCellSize=0"]);

        Assert.That(exitCode, Is.EqualTo(2));
    }
}
