using GameServer.Tests.Support;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Realtime;

/// <summary>A bad transport setting stops the server at start with the key's name, not at first use.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class RealtimeOptionsTests
{
    [TestCase("MaxBatchSize", "0", TestName = "A_zero_MaxBatchSize_stops_the_server_naming_the_key")]
    [TestCase("MaxReplyBytes", "0", TestName = "A_zero_MaxReplyBytes_stops_the_server_naming_the_key")]
    [TestCase("OutboundQueueBytes", "-1", TestName = "A_negative_OutboundQueueBytes_stops_the_server_naming_the_key")]
    [TestCase("KeepAliveTimeout", "00:00:00", TestName = "A_zero_KeepAliveTimeout_stops_the_server_naming_the_key")]
    [TestCase("CloseTimeout", "-00:00:01", TestName = "A_negative_CloseTimeout_stops_the_server_naming_the_key")]
    public async Task A_bad_setting_stops_the_server_naming_the_key(string key, string value)
    {
        using var directory = new TempDirectory();
        await using var app = Program.Build(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Storage:Path={directory.File("game.db")}",
            "--Serilog:MinimumLevel:Default=Fatal",
            $"--Realtime:{key}={value}",
        ]);

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.That(error.Message, Does.Contain($"Realtime:{key}"));
    }
}
