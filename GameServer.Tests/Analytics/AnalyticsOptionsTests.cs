using GameServer.Analytics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Analytics;

[Category("Unit")]
public sealed class AnalyticsOptionsTests
{
    [Test]
    public void The_defaults_are_100000_buffered_5000_per_write_and_30_days_raw()
    {
        using var services = Services([]);

        var options = services.GetRequiredService<IOptions<AnalyticsOptions>>().Value;

        Assert.That((options.BufferCapacity, options.WriteBatchSize, options.RawRetention), Is.EqualTo((100_000, 5_000, TimeSpan.FromDays(30))));
    }

    [TestCase("Analytics:BufferCapacity", "0")]
    [TestCase("Analytics:BufferCapacity", "10000001")]
    [TestCase("Analytics:WriteBatchSize", "0")]
    [TestCase("Analytics:RawRetention", "00:00:00")]
    [TestCase("Analytics:RawRetention", "-1.00:00:00")]
    public void A_setting_out_of_range_stops_the_start(string key, string value)
    {
        using var services = Services(new() { [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<AnalyticsOptions>>().Value);

        Assert.That(refused.Message, Does.Contain(key));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddAnalytics(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
