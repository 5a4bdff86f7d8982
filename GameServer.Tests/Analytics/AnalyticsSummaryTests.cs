using System.Text.Json;
using GameServer.Protocol;
using GameServer.Protocol.Analytics;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.Analytics;

/// <summary><c>analytics.summary</c> over the real server on a seeded event log: the figures worked out by hand in <see cref="SeededEvents"/>.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class AnalyticsSummaryTests
{
    private InProcessServer _server = null!;
    private GameClient _admin = null!;

    [SetUp]
    public async Task Start()
    {
        var clock = new VirtualClock(SeededEvents.Now);
        _server = await InProcessServer.StartAsync(clock.Register, "--Analytics:WriteEnabled=false", "--Analytics:RollUpEnabled=false");
        (_admin, _) = await _server.ConnectAsAdminAsync();
        SeededEvents.WriteTo(_server);
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task The_summary_of_a_known_log_has_its_active_and_new_users_sessions_lengths_events_and_busiest_hours()
    {
        var summary = await _admin.AnalyticsSummaryAsync("2030-03-08", "2030-03-10");

        Assert.That(summary.From, Is.EqualTo("2030-03-08"));
        Assert.That(summary.To, Is.EqualTo("2030-03-10"));
        Assert.That(Json(summary.Days), Is.EqualTo(Json([SeededEvents.March8, SeededEvents.March9, SeededEvents.Empty("2030-03-10")])));
        Assert.That(summary.BusiestHours, Is.EqualTo(SeededEvents.BusiestHours), "ties go to the earlier hour: 10 before 21");
    }

    [Test]
    public async Task Without_dates_the_summary_covers_the_last_7_days_ending_today()
    {
        var summary = await _admin.AnalyticsSummaryAsync();

        Assert.That(summary.From, Is.EqualTo("2030-03-04"));
        Assert.That(summary.To, Is.EqualTo("2030-03-10"));
        Assert.That(summary.Days.Select(d => d.Date), Is.EqualTo(new[] { "2030-03-04", "2030-03-05", "2030-03-06", "2030-03-07", "2030-03-08", "2030-03-09", "2030-03-10" }));
        Assert.That(summary.Days.Sum(d => d.ActiveUsers), Is.EqualTo(5));
    }

    [Test]
    public async Task A_range_of_a_whole_leap_year_is_answered_day_by_day()
    {
        var summary = await _admin.AnalyticsSummaryAsync("2028-01-01", "2028-12-31");

        Assert.That(summary.Days, Has.Count.EqualTo(366));
        Assert.That(summary.BusiestHours, Is.Empty, "no events that year");
    }

    [TestCase("2030-03-09", "2030-03-08", "from", TestName = "from after to")]
    [TestCase("2029-03-09", "2030-03-10", "to", TestName = "a span over 366 days")]
    [TestCase("2030-3-8", null, "from", TestName = "a from not YYYY-MM-DD")]
    [TestCase(null, "yesterday", "to", TestName = "a to not a date")]
    public void Bad_dates_are_invalid_params_naming_the_field(string? from, string? to, string field)
    {
        var error = Assert.ThrowsAsync<GameRpcException>(() => _admin.AnalyticsSummaryAsync(from, to))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Field, Is.EqualTo(field));
    }

    // Records holding a dictionary compare by reference; their JSON compares by value, in the wire's order.
    private static string Json(IReadOnlyList<AnalyticsDaySummary> days) =>
        JsonSerializer.Serialize(new AnalyticsSummary("", "", days, []), GameJsonContext.Default.AnalyticsSummary);
}
