using GameServer.Tests.Analytics;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>
/// The dashboard's Analytics tab on the known event log of <see cref="SeededEvents"/>, written into
/// the real server's store, with the server's clock on the day after the log: the charts and the
/// tables show the figures worked out by hand there.
/// </summary>
[Category("Browser")]
[CancelAfter(120_000)]
public sealed class AdminAnalyticsTests : AdminDashboardFixture
{
    private readonly VirtualClock _clock = new(SeededEvents.Now);

    // Only the seeded log: the dashboard's own login is not written (the write job is off), nor rolled up.
    protected override string[] ServerSettings => ["--Analytics:WriteEnabled=false", "--Analytics:RollUpEnabled=false"];

    protected override Action<IServiceCollection>? ServerServices => _clock.Register;

    [Test]
    public async Task The_analytics_tab_charts_the_last_7_days_of_the_servers_clock_with_the_known_figures()
    {
        SeededEvents.WriteTo(Server);
        var page = await OpenAdminAsync(tab: "analytics");
        var days = page.Locator("#analytics-days tbody tr");

        await Expect(days).ToHaveCountAsync(7);
        await Expect(page.Locator("#analytics-range input[name=from]")).ToHaveValueAsync("2030-03-04");
        await Expect(page.Locator("#analytics-range input[name=to]")).ToHaveValueAsync("2030-03-10");
        await Expect(page.Locator("#analytics-days tr[data-date='2030-03-08'] td")).ToHaveTextAsync(["2030-03-08", "3", "2", "4", "6 min 0 s", "24 min 0 s", "12"]);
        await Expect(page.Locator("#analytics-days tr[data-date='2030-03-09'] td")).ToHaveTextAsync(["2030-03-09", "2", "0", "1", "20 min 0 s", "20 min 0 s", "6"]);
        await Expect(page.Locator("#analytics-hours")).ToHaveTextAsync("Busiest hours (UTC): 09:00 (10 events), 14:00 (4 events), 10:00 (2 events).");

        // What Chart.js was given to draw, read back from the chart on the canvas.
        var perDay = await page.EvaluateAsync<int[][]>("() => Chart.getChart(document.getElementById('chart-days')).data.datasets.map((d) => d.data)");
        var perType = await page.EvaluateAsync<int[]>("() => Chart.getChart(document.getElementById('chart-events')).data.datasets[0].data");
        var drawn = await page.Locator("#chart-days").BoundingBoxAsync();
        Assert.That(perDay, Is.EqualTo(new[] { new[] { 0, 0, 0, 0, 3, 2, 0 }, [0, 0, 0, 0, 2, 0, 0], [0, 0, 0, 0, 4, 1, 0] }), "active users, new users, sessions");
        Assert.That(perType, Is.EqualTo(new[] { 2, 5, 5, 1, 1, 1, 1, 2 }), "registered, logged_in, logged_out, moved, gift_received, monster_struck, monster_defeated, chat_sent");
        Assert.That(drawn!.Width, Is.GreaterThan(100));
        await AttachScreenshotAsync(page, "desktop-analytics", "the dashboard's Analytics tab at 1200×900");

        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.Locator("#chart-days")).ToBeVisibleAsync();
        var (scrollWidth, innerWidth) = await WidthsAsync(page);
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(innerWidth), "no sideways scroll on a phone");
        await AttachScreenshotAsync(page, "phone-analytics", "the dashboard's Analytics tab at 390×844");
    }

    [Test]
    public async Task The_latest_events_filter_by_type_and_user_and_the_range_can_be_changed()
    {
        SeededEvents.WriteTo(Server);
        var page = await OpenAdminAsync(tab: "analytics");
        var events = page.Locator("#analytics-events tr");
        await Expect(events).ToHaveCountAsync(SeededEvents.Log.Count);

        await page.SelectOptionAsync("#analytics-filter select[name=type]", "chat_sent");
        await page.ClickAsync("#analytics-filter button[type=submit]");
        await Expect(events).ToHaveCountAsync(2);
        await Expect(events.First.Locator("td").Nth(3)).ToHaveTextAsync("{\"message\":2,\"length\":3}");

        await page.SelectOptionAsync("#analytics-filter select[name=type]", "");
        await page.FillAsync("#analytics-filter input[name=user]", "4");
        await page.ClickAsync("#analytics-filter button[type=submit]");
        await Expect(events).ToHaveCountAsync(2);
        await Expect(events.Locator("td:nth-child(2)")).ToHaveTextAsync(["gift_received", "chat_sent"]);

        await page.FillAsync("#analytics-range input[name=from]", "2030-03-08");
        await page.FillAsync("#analytics-range input[name=to]", "2030-03-09");
        await page.ClickAsync("#analytics-range button[type=submit]");
        await Expect(page.Locator("#analytics-days tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#analytics-error")).ToHaveTextAsync("");
    }
}
