using GameServer.Protocol.System;
using GameServer.Tests.CommandLine;
using GameServer.Tests.Support;

namespace GameServer.Tests.Storage;

/// <summary>
/// One process per LiteDB file. LiteDB's sharing did not ensure it on Linux (.NET's FileShare there is
/// an advisory shared lock): a second server opened the file a running one had open, and both wrote it.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class DatabaseLockTests
{
    [Test]
    public async Task A_second_server_on_a_file_in_use_stops_with_exit_code_3()
    {
        await using var running = await InProcessServer.StartAsync("--Storage:Provider=LiteDb");

        var (exitCode, _, _) = await CommandLineHelpTests.InvokeAsync(
            ["--urls", "http://127.0.0.1:0", "--Storage:Provider=LiteDb", $"--Storage:Path={running.DatabasePath}", "--Serilog:MinimumLevel:Default=Warning"])
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exitCode, Is.EqualTo(3));
        var client = await running.ConnectAsync();
        Assert.That(await client.PingAsync(), Is.Not.Null, "the running server is untouched");
    }
}
