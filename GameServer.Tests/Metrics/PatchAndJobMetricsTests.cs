using System.Diagnostics.Metrics;
using GameServer.Jobs;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace GameServer.Tests.Metrics;

/// <summary>A patch of the players' feed, sent by its job on a virtual clock, is measured by feed and by job.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class PatchAndJobMetricsTests
{
    private static readonly TimeSpan Patch = TimeSpan.FromMilliseconds(50);

    [Test]
    public async Task A_player_patch_records_its_bytes_and_duration_and_its_job_run()
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(clock.Register);
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        var (watcher, _) = await server.ConnectAsUserAsync();
        await clock.AdvanceAsync(server, Patch, Patch);
        await watcher.SubscribePlayersAsync();
        var log = new NotificationLog(watcher);
        using var bytes = new MetricCollector<long>(meters, RealtimeMetrics.MeterName, "gameserver.realtime.patch.sent");
        using var duration = new MetricCollector<double>(meters, RealtimeMetrics.MeterName, "gameserver.realtime.patch.duration");
        using var runs = new MetricCollector<double>(meters, JobMetrics.MeterName, "gameserver.jobs.run.duration");

        _ = await server.ConnectAsUserAsync();
        await clock.AdvanceAsync(server, Patch, Patch);
        await log.SettleAsync();

        var patch = log.Of(Methods.PlayersUpdated).Single();
        var frameBytes = System.Text.Encoding.UTF8.GetByteCount(
            $$"""{"jsonrpc":"2.0","method":"{{Methods.PlayersUpdated}}","params":{{patch.Params.GetRawText()}}}""");
        Assert.Multiple(() =>
        {
            Assert.That(bytes.GetMeasurementSnapshot().Where(m => (string?)m.Tags["feed"] == "players").Sum(m => m.Value), Is.EqualTo(frameBytes), "one frame to one subscriber");
            Assert.That(duration.GetMeasurementSnapshot().Where(m => (string?)m.Tags["feed"] == "players").Select(m => m.Value), Has.Some.GreaterThan(0));
            Assert.That(runs.GetMeasurementSnapshot().Select(m => (string?)m.Tags["job"]), Has.Some.EqualTo("world-patches"));
        });
    }
}
