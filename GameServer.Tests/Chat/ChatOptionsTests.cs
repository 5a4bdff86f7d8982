using GameServer.Chat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Chat;

[Category("Unit")]
public sealed class ChatOptionsTests
{
    [Test]
    public void The_defaults_are_5_messages_per_5_seconds_and_50_in_history()
    {
        using var services = Services([]);

        var options = services.GetRequiredService<IOptions<ChatOptions>>().Value;

        Assert.That((options.MessagesPerWindow, options.Window, options.HistoryLimit), Is.EqualTo((5, TimeSpan.FromSeconds(5), 50)));
    }

    [TestCase("Chat:MessagesPerWindow", "0")]
    [TestCase("Chat:Window", "00:00:00")]
    [TestCase("Chat:HistoryLimit", "0")]
    [TestCase("Chat:HistoryLimit", "201")]
    public void A_setting_out_of_range_stops_the_start(string key, string value)
    {
        using var services = Services(new() { [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<ChatOptions>>().Value);

        Assert.That(refused.Message, Does.Contain(key));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddChat(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
