using System.Text.Json;
using GameServer.Analytics;
using GameServer.Protocol;
using GameServer.Protocol.Analytics;
using GameServer.Protocol.Client;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Analytics;

/// <summary>
/// Raw events older than <c>Analytics:RawRetention</c> are folded into per-day rows by whole days, in
/// virtual time, and the summary reads the same before and after.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class AnalyticsRollUpTests
{
    private static readonly TimeSpan RollUpInterval = TimeSpan.FromHours(6);

    private VirtualClock _clock = null!;
    private InProcessServer _server = null!;
    private GameClient _admin = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new VirtualClock(SeededEvents.Now);
        _server = await InProcessServer.StartAsync(
            _clock.Register,
            "--Analytics:RawRetention=1.00:00:00",
            $"--Analytics:RollUpInterval={RollUpInterval}",
            "--Analytics:WriteEnabled=false");
        (_admin, _) = await _server.ConnectAsAdminAsync();
        SeededEvents.WriteTo(_server);
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Days_older_than_the_retention_are_rolled_up_and_deleted_raw_and_the_summary_reads_the_same()
    {
        var store = _server.Services.GetRequiredService<IAnalyticsStore>();
        var before = await SummaryJsonAsync();
        Assert.That(store.Days(new DateOnly(2030, 3, 1), new DateOnly(2030, 3, 31)), Is.Empty, "nothing rolled up yet");

        // 10 March 18:00: the cutoff is 9 March, so 8 March (wholly older than a day) goes, 9 March stays raw.
        await _clock.AdvanceAsync(_server, RollUpInterval, RollUpInterval);

        Assert.That(store.Days(new DateOnly(2030, 3, 1), new DateOnly(2030, 3, 31)).Select(d => d.Id), Is.EqualTo(new[] { "2030-03-08" }));
        Assert.That(store.OldestEventTime(), Is.EqualTo(new DateTime(2030, 3, 9, 9, 0, 0, DateTimeKind.Utc)), "8 March's raw events are deleted");
        Assert.That(await SummaryJsonAsync(), Is.EqualTo(before));

        // 11 March 12:00: the cutoff is 10 March, so 9 March goes too.
        await _clock.AdvanceAsync(_server, 3 * RollUpInterval, RollUpInterval);

        Assert.That(store.Days(new DateOnly(2030, 3, 1), new DateOnly(2030, 3, 31)).Select(d => d.Id), Is.EqualTo(new[] { "2030-03-08", "2030-03-09" }));
        Assert.That(store.OldestEventTime(), Is.Null);
        Assert.That((await _admin.AnalyticsEventsAsync()).Events, Is.Empty, "only raw events are listed");
        Assert.That(await SummaryJsonAsync(), Is.EqualTo(before));
        Assert.That((await _admin.AnalyticsSummaryAsync("2030-03-08", "2030-03-09")).BusiestHours, Is.EqualTo(SeededEvents.BusiestHours));
    }

    [Test]
    public async Task Events_written_late_for_a_rolled_up_day_are_added_to_its_row()
    {
        await _clock.AdvanceAsync(_server, RollUpInterval, RollUpInterval);
        _server.Services.GetRequiredService<IAnalyticsStore>().Append(
            [new AnalyticsEvent { Type = AnalyticsEventTypes.ChatSent, User = 1, At = new DateTime(2030, 3, 8, 23, 0, 0, DateTimeKind.Utc), Message = 3, Length = 1 }]);

        var late = (await _admin.AnalyticsSummaryAsync("2030-03-08", "2030-03-08")).Days.Single();
        await _clock.AdvanceAsync(_server, RollUpInterval, RollUpInterval);
        var rolledUpAgain = (await _admin.AnalyticsSummaryAsync("2030-03-08", "2030-03-08")).Days.Single();

        Assert.That(late.Events[AnalyticsEventTypes.ChatSent], Is.EqualTo(2));
        Assert.That(late.ActiveUsers, Is.EqualTo(3), "user 1 was already counted");
        Assert.That(rolledUpAgain.Events[AnalyticsEventTypes.ChatSent], Is.EqualTo(2));
        Assert.That(_server.Services.GetRequiredService<IAnalyticsStore>().OldestEventTime(), Is.Null, "the late event was rolled up too");
    }

    private async Task<string> SummaryJsonAsync() =>
        JsonSerializer.Serialize(await _admin.AnalyticsSummaryAsync("2030-03-01", "2030-03-11"), GameJsonContext.Default.AnalyticsSummary);
}
