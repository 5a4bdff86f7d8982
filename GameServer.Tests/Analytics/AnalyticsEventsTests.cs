using GameServer.Protocol.Accounts;
using GameServer.Protocol.Analytics;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;

namespace GameServer.Tests.Analytics;

/// <summary>
/// The game as played over real WebSockets shows up in <c>analytics.events</c>, with each event's own
/// data; time runs on a virtual clock, so session lengths are exact and the write job runs when told.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class AnalyticsEventsTests
{
    private VirtualClock _clock = null!;
    private InProcessServer _server = null!;
    private GameClient _admin = null!;

    [SetUp]
    public async Task Start()
    {
        _clock = new VirtualClock();
        _server = await InProcessServer.StartAsync(
            _clock.Register,
            "--World:Width=20", "--World:Height=20", "--World:MaxMovesPerSecond=1000", "--Monsters:Count=0");
        (_admin, _) = await _server.ConnectAsAdminAsync();
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Register_login_move_chat_and_logout_are_recorded_with_their_data()
    {
        var name = Some.Username();
        var (player, auth) = await _server.ConnectAsUserAsync(name);
        await player.WalkToAsync(5, 5);
        await player.MoveAsync(1, 0);
        await player.LogoutAsync();

        await player.LoginAsync(name, Some.Password);
        var loggedInAt = _clock.Now;
        await player.MoveAsync(1, 0);
        await player.MoveAsync(0, 1);
        var message = await player.SendChatAsync("hello");
        await _clock.AdvanceAsync(_server, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(30));
        await player.LogoutAsync();
        var loggedOutAt = _clock.Now;
        await WriteAsync();

        var events = (await _admin.AnalyticsEventsAsync(user: auth.User.Id)).Events;

        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[]
        {
            AnalyticsEventTypes.Moved, AnalyticsEventTypes.LoggedOut, AnalyticsEventTypes.ChatSent, AnalyticsEventTypes.LoggedIn,
            AnalyticsEventTypes.Moved, AnalyticsEventTypes.LoggedOut, AnalyticsEventTypes.LoggedIn, AnalyticsEventTypes.Registered,
        }), "newest first, one moved row per session");
        Assert.That(events, Has.All.Matches<AnalyticsEventInfo>(e => e.User == auth.User.Id && e.Username == name));
        Assert.That(events[0].Data, Is.EqualTo(new AnalyticsEventData(Distance: 2, Moves: 2)), "two steps of 1 from (5, 5), summed");
        Assert.That(events[1].Data, Is.EqualTo(new AnalyticsEventData(SessionSeconds: 90)), "login to logout in virtual time");
        Assert.That(events[1].Time, Is.EqualTo(loggedOutAt));
        Assert.That(events[2].Data, Is.EqualTo(new AnalyticsEventData(Message: message.Id, Length: 5)));
        Assert.That(events[3].Data, Is.EqualTo(new AnalyticsEventData(InWorld: true)));
        Assert.That(events[3].Time, Is.EqualTo(loggedInAt));
        Assert.That(events[4].Data.Moves, Is.GreaterThanOrEqualTo(1));
        Assert.That(events[5].Data, Is.EqualTo(new AnalyticsEventData(SessionSeconds: 0)));
        Assert.That(events[7].Data, Is.EqualTo(new AnalyticsEventData()));
        Assert.That(events.Select(e => e.Id), Is.Ordered.Descending);
    }

    [Test]
    public async Task Strikes_defeats_and_gifts_are_recorded_for_the_player()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();
        var at = await player.MoveAsync(0, 0);
        var monster = await _admin.CreateMonsterAsync(at.PositionX, at.PositionY, healthPoints: 1);
        await player.HitMonsterAsync(monster.Id);
        await WriteAsync();

        var struck = (await _admin.AnalyticsEventsAsync(AnalyticsEventTypes.MonsterStruck, auth.User.Id)).Events.Single();
        var defeated = (await _admin.AnalyticsEventsAsync(AnalyticsEventTypes.MonsterDefeated, auth.User.Id)).Events.Single();

        Assert.That(struck.Data, Is.EqualTo(new AnalyticsEventData(Monster: monster.Id, HealthPoints: 0)));
        Assert.That(defeated.Data, Is.EqualTo(new AnalyticsEventData(Monster: monster.Id, Defeats: 1)));
        Assert.That(defeated.Id, Is.GreaterThan(struck.Id), "the strike, then the defeat it caused");
    }

    [Test]
    public async Task A_gift_run_records_each_gift_with_its_name()
    {
        await using var server = await InProcessServer.StartAsync(_clock.Register, "--Gifts:Enabled=true", "--Gifts:Interval=00:00:10");
        var (admin, _) = await server.ConnectAsAdminAsync();
        var name = Some.Username();
        var (_, auth) = await server.ConnectAsUserAsync(name);

        await _clock.AdvanceAsync(server, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(1));

        var gifts = (await admin.AnalyticsEventsAsync(AnalyticsEventTypes.GiftReceived, auth.User.Id)).Events;
        Assert.That(gifts.Select(g => g.Data), Is.EqualTo(new[] { new AnalyticsEventData(Item: $"Gift for {name}") }));
    }

    [TestCase("jumped", null, "type")]
    [TestCase(null, 0, "limit")]
    [TestCase(null, 501, "limit")]
    public void Bad_filters_are_invalid_params_naming_the_field(string? type, int? limit, string field)
    {
        var error = Assert.ThrowsAsync<GameRpcException>(() => _admin.AnalyticsEventsAsync(type, limit: limit))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(error.Field, Is.EqualTo(field));
    }

    [Test]
    public async Task The_limit_caps_the_events_returned_newest_first()
    {
        for (var i = 0; i < 3; i++)
        {
            await _server.ConnectAsUserAsync();
        }

        await WriteAsync();

        var events = (await _admin.AnalyticsEventsAsync(AnalyticsEventTypes.Registered, limit: 2)).Events;
        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0].Id, Is.GreaterThan(events[1].Id));
    }

    // One second on: the write job runs once and empties the buffer.
    private Task WriteAsync() => _clock.AdvanceAsync(_server, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
}
