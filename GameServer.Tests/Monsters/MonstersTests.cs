using System.Text.Json;
using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;

namespace GameServer.Tests.Monsters;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class MonstersTests
{
    private static GameJsonContext Json => GameJsonContext.Default;

    private InProcessServer _server = null!;
    private GameClient _admin = null!;

    [SetUp]
    public async Task Start()
    {
        // No seeded monsters: each test sees only its own.
        _server = await InProcessServer.StartAsync("--Monsters:Count=0", "--World:Width=50", "--World:Height=40");
        (_admin, _) = await _server.ConnectAsAdminAsync();
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task The_original_shell_session_ends_looking_for_aid()
    {
        var (_, user) = await _server.ConnectAsUserAsync();

        var created = await _admin.CreateMonsterAsync();
        var attacking = await _admin.TransitionMonsterAsync(created.Id, MonsterTransitions.Attack, user.User.Id);
        var evading = await _admin.TransitionMonsterAsync(created.Id, MonsterTransitions.Evade);
        var saved = await _admin.UpdateMonsterAsync(created.Id, healthPoints: 2);

        Assert.That(created, Is.EqualTo(created with { State = "wandering", StateCode = 10, StateDisplay = "wandering", HealthPoints = 10, UserBeingAttacked = null }));
        Assert.That(attacking, Is.EqualTo(created with { State = "attacking", StateCode = 20, StateDisplay = "attacking", UserBeingAttacked = user.User.Id }));
        Assert.That(evading, Is.EqualTo(attacking with { State = "evading", StateCode = 40, StateDisplay = "evading" }));
        Assert.That(saved, Is.EqualTo(evading with { State = "looking_for_aid", StateCode = 30, StateDisplay = "looking_for_aid", HealthPoints = 2 }));
        Assert.That(await _admin.GetMonsterAsync(created.Id), Is.EqualTo(saved));
    }

    [Test]
    public async Task A_monster_is_sent_with_exactly_the_original_fields()
    {
        var created = await _admin.CreateMonsterAsync(positionX: 12.5, positionY: 40);

        var list = await _admin.CallAsync(Methods.MonstersList, Json.JsonElement);

        var monster = list.EnumerateArray().Single();
        Assert.That(monster.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "state", "state_code", "state_display", "health_points", "user_being_attacked", "position_x", "position_y",
        }));
        Assert.That(monster.GetProperty("user_being_attacked").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(monster.GetProperty("id").GetInt32(), Is.EqualTo(created.Id));
        Assert.That((monster.GetProperty("position_x").GetDouble(), monster.GetProperty("position_y").GetDouble()), Is.EqualTo((12.5, 40.0)));
    }

    [Test]
    public async Task A_refused_transition_is_minus_32010_and_changes_nothing()
    {
        var created = await _admin.CreateMonsterAsync(healthPoints: 3);

        var refused = Assert.ThrowsAsync<GameRpcException>(() => _admin.TransitionMonsterAsync(created.Id, MonsterTransitions.Evade));

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.TransitionNotAllowed));
        Assert.That(refused.Data!.Value.GetRawText(), Is.EqualTo("""{"state":"wandering","transition":"evade"}"""));
        Assert.That(await _admin.GetMonsterAsync(created.Id), Is.EqualTo(created));
    }

    [Test]
    public async Task Look_for_aid_is_refused_above_5_health_and_taken_by_the_save_that_brings_it_to_5()
    {
        var (_, user) = await _server.ConnectAsUserAsync();
        var monster = await _admin.CreateMonsterAsync(healthPoints: 6);
        await _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Attack, user.User.Id);
        var evading = await _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Evade);

        var refused = Assert.ThrowsAsync<GameRpcException>(() => _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.LookForAid));
        var saved = await _admin.UpdateMonsterAsync(monster.Id, healthPoints: 5);

        Assert.That(evading.State, Is.EqualTo(MonsterStates.Evading), "health 6 keeps it evading after the evade's save");
        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.TransitionNotAllowed));
        Assert.That(refused.Data!.Value.GetRawText(), Is.EqualTo("""{"state":"evading","transition":"look_for_aid"}"""));
        Assert.That(saved.State, Is.EqualTo(MonsterStates.LookingForAid));
    }

    [Test]
    public async Task A_transition_is_a_save_so_a_hurt_monster_that_evades_looks_for_aid_at_once()
    {
        var (_, user) = await _server.ConnectAsUserAsync();
        var monster = await _admin.CreateMonsterAsync(healthPoints: 3);
        await _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Attack, user.User.Id);

        var evaded = await _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Evade);

        Assert.That(evaded.State, Is.EqualTo(MonsterStates.LookingForAid));
    }

    [Test]
    public async Task Wander_from_looking_for_aid_forgets_the_user()
    {
        var (_, user) = await _server.ConnectAsUserAsync();
        var monster = await _admin.CreateMonsterAsync(healthPoints: 1);
        await _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Attack, user.User.Id);
        var lookingForAid = await _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Evade);

        var wandering = await _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Wander);

        Assert.That(lookingForAid.UserBeingAttacked, Is.EqualTo(user.User.Id));
        Assert.That(wandering, Is.EqualTo(monster with { HealthPoints = 1 }));
    }

    [Test]
    public async Task Bad_transition_params_are_invalid_params_naming_the_field()
    {
        var monster = await _admin.CreateMonsterAsync();

        var errors = new[]
        {
            Assert.ThrowsAsync<GameRpcException>(() => _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Attack)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Attack, user: 9999)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Wander, user: 1)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.TransitionMonsterAsync(monster.Id, "fly")),
        };

        Assert.That(errors.Select(e => e!.Code), Is.All.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(errors.Select(e => e!.Field), Is.EqualTo(new[] { "user", "user", "user", "transition" }));
        Assert.That(await _admin.GetMonsterAsync(monster.Id), Is.EqualTo(monster));
    }

    [TestCase("""{"health_points":-1}""", "health_points")]
    [TestCase("""{"health_points":2.5}""", "health_points")]
    [TestCase("""{"position_x":-0.1}""", "position_x")]
    [TestCase("""{"position_x":50.5}""", "position_x")]
    [TestCase("""{"position_y":40.01}""", "position_y")]
    [TestCase("""{"position_y":"3"}""", "position_y")]
    public async Task Bad_fields_are_invalid_params_on_create_and_update(string fields, string field)
    {
        var monster = await _admin.CreateMonsterAsync(positionX: 50, positionY: 40, healthPoints: 0);
        var update = fields.Replace("{", $$"""{"id":{{monster.Id}},""", StringComparison.Ordinal);

        var onCreate = Assert.ThrowsAsync<GameRpcException>(() => CallRawAsync(Methods.MonstersCreate, fields));
        var onUpdate = Assert.ThrowsAsync<GameRpcException>(() => CallRawAsync(Methods.MonstersUpdate, update));

        Assert.That(new[] { onCreate.Code, onUpdate.Code }, Is.All.EqualTo(ErrorCodes.InvalidParams));
        Assert.That(new[] { onCreate.Field, onUpdate.Field }, Is.All.EqualTo(field));
        Assert.That(await _admin.ListMonstersAsync(), Is.EqualTo(new[] { monster }), "nothing created, nothing changed");
    }

    [Test]
    public async Task Unknown_monsters_are_not_found_and_deleted_ones_are_gone()
    {
        var monster = await _admin.CreateMonsterAsync();

        var deleted = await _admin.DeleteMonsterAsync(monster.Id);
        var errors = new[]
        {
            Assert.ThrowsAsync<GameRpcException>(() => _admin.GetMonsterAsync(monster.Id)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.UpdateMonsterAsync(monster.Id, healthPoints: 1)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Evade)),
            Assert.ThrowsAsync<GameRpcException>(() => _admin.DeleteMonsterAsync(monster.Id)),
        };

        Assert.That(deleted.Deleted, Is.True);
        Assert.That(errors.Select(e => e!.Code), Is.All.EqualTo(ErrorCodes.NotFound));
        Assert.That(await _admin.ListMonstersAsync(), Is.Empty);
    }

    [Test]
    public async Task Players_may_look_but_only_admins_may_change_monsters()
    {
        var monster = await _admin.CreateMonsterAsync();
        var (player, auth) = await _server.ConnectAsUserAsync();
        var anonymous = await _server.ConnectAsync();

        var refused = new[]
        {
            Assert.ThrowsAsync<GameRpcException>(() => player.CreateMonsterAsync()),
            Assert.ThrowsAsync<GameRpcException>(() => player.UpdateMonsterAsync(monster.Id, healthPoints: 1)),
            Assert.ThrowsAsync<GameRpcException>(() => player.TransitionMonsterAsync(monster.Id, MonsterTransitions.Attack, auth.User.Id)),
            Assert.ThrowsAsync<GameRpcException>(() => player.DeleteMonsterAsync(monster.Id)),
        };
        var loggedOut = Assert.ThrowsAsync<GameRpcException>(() => anonymous.ListMonstersAsync());

        Assert.That(refused.Select(e => e!.Code), Is.All.EqualTo(ErrorCodes.Forbidden));
        Assert.That(loggedOut.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
        Assert.That(await player.ListMonstersAsync(), Is.EqualTo(new[] { monster }));
        Assert.That(await player.GetMonsterAsync(monster.Id), Is.EqualTo(monster));
    }

    private Task<JsonElement> CallRawAsync(string method, string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        return _admin.CallAsync(method, document.RootElement.Clone(), Json.JsonElement, Json.JsonElement);
    }
}
