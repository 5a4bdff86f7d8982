using GameServer.Accounts;
using GameServer.Gifts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Accounts;

/// <summary>Issue 10: every options class is checked at start-up, naming the key.</summary>
[Category("Unit")]
public sealed class AccountsOptionsTests
{
    [TestCase("Accounts:TokenLifetime", "00:00:00")]
    [TestCase("Accounts:TokenLifetime", "-1.00:00:00")]
    [TestCase("Accounts:CleanupInterval", "00:00:00")]
    public void An_account_setting_out_of_range_stops_the_start(string key, string value)
    {
        using var services = Services(new() { [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<AccountsOptions>>().Value);

        Assert.That(refused.Message, Does.Contain(key));
    }

    [TestCase("Gifts:Interval", "00:00:00")]
    [TestCase("Gifts:ActiveWithin", "-00:00:01")]
    [TestCase("Gifts:ActiveWithin", "00:00:00")]
    public void A_gift_setting_out_of_range_stops_the_start(string key, string value)
    {
        using var services = Services(new() { [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<GiftsOptions>>().Value);

        Assert.That(refused.Message, Does.Contain(key));
    }

    [Test]
    public void Gifts_go_to_users_seen_within_a_day_by_default_and_to_everyone_when_empty()
    {
        using var defaults = Services([]);
        using var empty = Services(new() { ["Gifts:ActiveWithin"] = "" });

        Assert.That(defaults.GetRequiredService<IOptions<GiftsOptions>>().Value.ActiveWithin, Is.EqualTo(TimeSpan.FromDays(1)));
        Assert.That(empty.GetRequiredService<IOptions<GiftsOptions>>().Value.ActiveWithin, Is.Null);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAccounts(configuration).AddGifts(configuration).BuildServiceProvider();
    }
}
