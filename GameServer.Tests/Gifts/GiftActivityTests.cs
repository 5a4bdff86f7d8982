using GameServer.Protocol.Accounts;
using GameServer.Protocol.Inventory;
using GameServer.Tests.Support;

namespace GameServer.Tests.Gifts;

/// <summary>
/// Issue 10, finding 6: the gift job gave every account ever made an item every 10 s, so accounts
/// registered by the thousand grew the file by gigabytes a day. Now only users seen lately, or
/// online, get one. Last-seen times and the job on one virtual clock: the first run comes a day and
/// two minutes after the start, so a day of absence passes without a run in between.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class GiftActivityTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1) + TimeSpan.FromMinutes(2);
    private readonly VirtualClock _clock = new();

    [Test]
    public async Task Gifts_skip_users_not_seen_within_ActiveWithin()
    {
        await using var server = await StartAsync("--Gifts:Enabled=true");
        var (gone, goneAuth) = await server.ConnectAsUserAsync();
        await server.DisconnectAsync(gone);
        var (stayed, _) = await server.ConnectAsUserAsync();
        _clock.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var (fresh, _) = await server.ConnectAsUserAsync();

        await _clock.AdvanceAsync(server, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        Assert.That((await fresh.MyInventoryAsync()).Items, Has.Count.EqualTo(1), "seen a moment ago");
        Assert.That((await stayed.MyInventoryAsync()).Items, Has.Count.EqualTo(1), "seen a day ago, but online since");
        Assert.That(await ItemsOfAsync(server, goneAuth), Is.Empty, "last seen more than a day ago");
    }

    [Test]
    public async Task An_empty_ActiveWithin_gives_every_user_a_gift_as_the_original_did()
    {
        await using var server = await StartAsync("--Gifts:Enabled=true", "--Gifts:ActiveWithin=");
        var (gone, goneAuth) = await server.ConnectAsUserAsync();
        await server.DisconnectAsync(gone);

        await _clock.AdvanceAsync(server, Interval, Interval);

        Assert.That(await ItemsOfAsync(server, goneAuth), Has.Count.EqualTo(1));
    }

    private Task<InProcessServer> StartAsync(params string[] settings) =>
        InProcessServer.StartAsync(_clock.Register, [$"--Gifts:Interval={Interval}", .. settings]);

    // Logging in counts as being seen, so only after the run.
    private static async Task<IReadOnlyList<Item>> ItemsOfAsync(InProcessServer server, AuthResult auth)
    {
        var client = await server.ConnectAsync();
        await client.ResumeAsync(auth.Token);
        return (await client.MyInventoryAsync()).Items;
    }
}
