using System.Text;
using System.Text.Json;
using GameServer.Accounts;
using GameServer.Chat;
using GameServer.Inventory;
using GameServer.Monsters;
using GameServer.Players;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Realtime.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Realtime;

/// <summary>
/// Who may call every JSON-RPC method, one test per cell: anonymous, the owner of the things named,
/// another player naming the owner's things, an admin. The expected table is written out here, not
/// read from the server, and a method the table does not list fails the test.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class AccessMatrixTests
{
    /// <summary>The expected table, one row per method, with params that name the owner's things.</summary>
    private static readonly IReadOnlyList<Row> Rows =
    [
        new("system.ping", Access.Anonymous, _ => "{}"),
        new("system.info", Access.User, _ => "{}"),
        new("auth.register", Access.Anonymous, _ => $$"""{"username":"{{Some.Username()}}","password":"{{Some.Password}}"}"""),
        new("auth.login", Access.Anonymous, s => $$"""{"username":"{{s.Owner.Name}}","password":"{{Some.Password}}"}"""),
        new("auth.resume", Access.Anonymous, s => $$"""{"token":"{{s.Owner.Token}}"}"""),
        new("auth.logout", Access.User, _ => "{}"),
        new("users.list", Access.Admin, _ => "{}"),
        new("users.set_admin", Access.Admin, s => $$"""{"id":{{s.Owner.Id}},"is_admin":false}"""),
        new("users.set_password", Access.Admin, s => $$"""{"id":{{s.Owner.Id}},"password":"{{Some.Password}}"}"""),
        new("items.list", Access.User, _ => "{}"),
        new("items.count", Access.User, _ => """{"search":"matrix"}"""),
        new("items.get", Access.User, s => $$"""{"id":{{s.OwnersItem}}}"""),
        new("items.create", Access.Admin, _ => """{"name":"matrix","weight":1}"""),
        new("items.update", Access.Admin, s => $$"""{"id":{{s.OwnersItem}},"weight":2}"""),
        new("items.delete", Access.Admin, s => $$"""{"id":{{s.NewItemInOwnersInventory()}}}"""),
        new("inventories.list", Access.User, _ => "{}"),
        new("inventories.count", Access.User, s => $$"""{"search":"{{s.Owner.Name}}"}"""),
        new("inventories.get", Access.User, s => $$"""{"id":{{s.OwnersInventory}}}"""),
        new("inventories.add_item", Access.Admin, s => $$"""{"inventory":{{s.OwnersInventory}},"item":{{s.NewItem()}}}"""),
        new("inventories.remove_item", Access.Admin, s => $$"""{"inventory":{{s.OwnersInventory}},"item":{{s.NewItemInOwnersInventory()}}}"""),
        new("inventory.mine", Access.User, _ => "{}", AnswersWithCallersOwn: true),
        new("players.list", Access.User, _ => "{}"),
        new("players.subscribe", Access.User, _ => """{"radius":10}"""),
        new("players.unsubscribe", Access.User, _ => "{}"),
        new("players.move", Access.User, _ => """{"dx":1,"dy":0}"""),
        new("chat.subscribe", Access.User, _ => "{}"),
        new("chat.unsubscribe", Access.User, _ => "{}"),
        new("chat.send", Access.User, _ => """{"text":"matrix"}"""),
        new("chat.history", Access.User, _ => """{"limit":1}"""),
        new("monsters.list", Access.User, _ => "{}"),
        new("monsters.get", Access.User, s => $$"""{"id":{{s.NewMonsterNearCaller()}}}"""),
        new("monsters.create", Access.Admin, _ => "{}"),
        new("monsters.update", Access.Admin, s => $$"""{"id":{{s.NewMonsterNearCaller()}},"health_points":9}"""),
        new("monsters.transition", Access.Admin, s => $$"""{"id":{{s.NewMonsterNearCaller()}},"transition":"attack","user":{{s.Owner.Id}}}"""),
        new("monsters.delete", Access.Admin, s => $$"""{"id":{{s.NewMonsterNearCaller()}}}"""),
        new("monsters.subscribe", Access.User, _ => "{}"),
        new("monsters.unsubscribe", Access.User, _ => "{}"),
        new("monsters.hit", Access.User, s => $$"""{"id":{{s.NewMonsterNearCaller()}}}"""),
        new("leaderboard.top", Access.User, _ => """{"board":"monsters_defeated","period":"week","limit":100}"""),
        new("leaderboard.me", Access.User, _ => """{"board":"distance_walked"}"""),
        new("leaderboard.subscribe", Access.User, _ => """{"board":"gifts_received","period":"last_week"}"""),
        new("leaderboard.unsubscribe", Access.User, _ => """{"board":"gifts_received","period":"last_week"}"""),
        new("analytics.summary", Access.Admin, _ => """{"from":"2030-01-01","to":"2030-01-07"}"""),
        new("analytics.events", Access.Admin, s => $$"""{"user":{{s.Owner.Id}},"limit":10}"""),
    ];

    // What a let-in call may still answer: it reached the handler, which said something about the request itself.
    private static readonly int[] NotLetInOrNotRun =
        [ErrorCodes.Unauthenticated, ErrorCodes.Forbidden, ErrorCodes.MethodNotFound, ErrorCodes.InvalidParams, ErrorCodes.InternalError];

    private InProcessServer _server = null!;
    private Scene _scene = null!;

    public static IEnumerable<TestCaseData> Cells() =>
        from row in Rows
        from caller in AccessMatrix.Callers
        select new TestCaseData(row.Method, caller).SetArgDisplayNames(row.Method, caller.ToString());

    [OneTimeSetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync("--Chat:MessagesPerWindow=100000");
        _scene = await Scene.CreateAsync(_server);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public void Every_method_the_server_answers_is_in_the_table()
    {
        var served = _server.Services.GetRequiredService<RpcMethodTable>().Names.Order(StringComparer.Ordinal);

        Assert.That(Rows.Select(r => r.Method).Order(StringComparer.Ordinal), Is.EqualTo(served));
    }

    [Test]
    public void The_docs_table_says_what_the_matrix_checks()
    {
        foreach (var row in Rows)
        {
            Assert.That(AccessMatrix.ReliabilityDoc, Does.Contain(AccessMatrix.DocsRow(row.Method, row.Access, "-32001", "-32003")),
                $"docs/reliability.md's \"Who may do what\" row for {row.Method}");
        }
    }

    [TestCaseSource(nameof(Cells))]
    public async Task Each_caller_is_let_in_or_refused_as_the_table_says(string method, Caller caller)
    {
        var row = Rows.Single(r => r.Method == method);
        var actor = await _scene.RefreshAsync(caller);
        await using var socket = await RawSocket.ConnectAsync(_server.WebSocketUri);
        if (actor is not null)
        {
            var resumed = await CallAsync(socket, "auth.resume", $$"""{"token":"{{actor.Token}}"}""");
            Assert.That(resumed.TryGetProperty("result", out _), Is.True, $"{caller} logs in: {resumed}");
        }

        var parameters = row.Params(_scene with { Actor = actor });
        var before = _scene.StoredState();
        var ownersBefore = _scene.OwnersState();
        var answer = await CallAsync(socket, method, parameters);

        if (AccessMatrix.LetsIn(row.Access, caller))
        {
            var code = answer.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : (int?)null;
            Assert.That(code, Is.Null.Or.Not.AnyOf(NotLetInOrNotRun), $"{caller} is let into {method}: {answer}");
            if (row.AnswersWithCallersOwn && actor is not null)
            {
                Assert.That(answer.GetProperty("result").GetProperty("user").GetInt32(), Is.EqualTo(actor.Id), "the caller's own, never the owner's");
            }

            if (caller == Caller.OtherPlayer)
            {
                Assert.That(_scene.OwnersState(), Is.EqualTo(ownersBefore), "another player's call leaves the owner's inventory, place and login alone");
            }
        }
        else
        {
            JsonAssert.IsError(answer, caller == Caller.Anonymous ? ErrorCodes.Unauthenticated : ErrorCodes.Forbidden, id: 1);
            Assert.That(_scene.StoredState(), Is.EqualTo(before), "a refused call changes nothing stored");
        }
    }

    /// <summary>Sends one request with id 1 and reads past notifications to its answer.</summary>
    private static async Task<JsonElement> CallAsync(RawSocket socket, string method, string parameters)
    {
        await socket.SendTextAsync($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parameters}}}""");
        while (true)
        {
            var frame = await socket.ReceiveAsync() ?? throw new InvalidOperationException($"closed instead of answering {method}");
            if (frame.ValueKind == JsonValueKind.Object && frame.TryGetProperty("id", out _))
            {
                return frame;
            }
        }
    }

    private sealed record Row(string Method, Access Access, Func<Scene, string> Params, bool AnswersWithCallersOwn = false);

    /// <summary>A user of the matrix with a token that is kept valid (a logout or a new password revokes it).</summary>
    private sealed class Account(InProcessServer server, string name, int id, string token)
    {
        public int Id => id;

        public string Name => name;

        public string Token { get; private set; } = token;

        public static async Task<Account> CreateAsync(InProcessServer server, string name, bool isAdmin)
        {
            var (_, auth) = isAdmin ? await server.ConnectAsAdminAsync(name) : await server.ConnectAsUserAsync(name);
            return new Account(server, name, auth.User.Id, auth.Token);
        }

        public async Task<Account> RefreshAsync()
        {
            if (server.Services.GetRequiredService<AccountService>().Authenticate(Token) is null)
            {
                await using var client = await GameClient.ConnectAsync(server.WebSocketUri);
                Token = (await client.LoginAsync(name, Some.Password)).Token;
            }

            return this;
        }
    }

    /// <summary>The owner's things, made through the services so that only the call under test goes over the wire.</summary>
    private sealed record Scene
    {
        private readonly IServiceProvider _services;
        private readonly Dictionary<Caller, Account> _accounts;

        private Scene(IServiceProvider services, Account owner, Dictionary<Caller, Account> accounts)
        {
            _services = services;
            Owner = owner;
            _accounts = accounts;
            OwnersInventory = Inventory.Mine(Owner.Id).Id;
            OwnersItem = NewItemInOwnersInventory();
        }

        public static async Task<Scene> CreateAsync(InProcessServer server)
        {
            var owner = await Account.CreateAsync(server, Some.Username("owner"), isAdmin: false);
            return new Scene(server.Services, owner, new()
            {
                [Caller.Player] = owner,
                [Caller.OtherPlayer] = await Account.CreateAsync(server, Some.Username("other"), isAdmin: false),
                [Caller.Admin] = await Account.CreateAsync(server, Some.Username("admin"), isAdmin: true),
            });
        }

        public Account Owner { get; }

        public Account? Actor { get; init; }

        public int OwnersInventory { get; }

        public int OwnersItem { get; }

        private InventoryService Inventory => _services.GetRequiredService<InventoryService>();

        public async Task<Account?> RefreshAsync(Caller caller)
        {
            await Owner.RefreshAsync();
            return _accounts.TryGetValue(caller, out var account) ? await account.RefreshAsync() : null;
        }

        public int NewItem() => Inventory.CreateItem("matrix", 1).Id;

        public int NewItemInOwnersInventory()
        {
            var item = NewItem();
            Inventory.AddItem(OwnersInventory, item);
            return item;
        }

        /// <summary>A monster on the caller's own player, so a strike is in reach.</summary>
        public int NewMonsterNearCaller()
        {
            var player = Actor is null ? null : _services.GetRequiredService<PlayerWorld>().FindByUser(Actor.Id);
            return _services.GetRequiredService<MonsterService>().Create(player?.PositionX, player?.PositionY).Id;
        }

        /// <summary>The owner's inventory, its player's place, and whether its token still logs in.</summary>
        public string OwnersState()
        {
            var place = _services.GetRequiredService<PlayerWorld>().FindByUser(Owner.Id);
            var signedIn = _services.GetRequiredService<AccountService>().Authenticate(Owner.Token) is not null;
            return $"{string.Join(',', Inventory.Mine(Owner.Id).Items.Select(i => i.Id))}|{place?.PositionX},{place?.PositionY}|{signedIn}";
        }

        /// <summary>Everything a call could change, as text: users, items, inventories, players' places, monsters, chat.</summary>
        public string StoredState()
        {
            var text = new StringBuilder();
            foreach (var user in _services.GetRequiredService<AccountService>().ListUsers())
            {
                text.Append(user.Id).Append(user.Username).Append(user.IsAdmin).Append(user.PasswordHash).Append(';');
            }

            text.AppendJoin(";", Inventory.ListItems()).AppendJoin(';', Inventory.ListInventories().Select(i => $"{i.Id}:{string.Join(',', i.Items)}"));
            text.AppendJoin(';', _services.GetRequiredService<PlayerWorld>().All().Select(p => $"{p.Id}@{p.PositionX},{p.PositionY}"));
            text.AppendJoin(';', _services.GetRequiredService<MonsterService>().List());
            text.AppendJoin(';', _services.GetRequiredService<ChatService>().History(200).Messages.Select(m => m.Id));
            return text.ToString();
        }
    }
}
