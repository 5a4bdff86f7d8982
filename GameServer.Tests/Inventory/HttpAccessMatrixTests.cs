using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GameServer.Inventory;
using GameServer.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Inventory;

/// <summary>
/// Who may use every HTTP endpoint under <c>/api/</c>, one test per cell. Reads are open to anyone, as
/// in the original; writes need an admin's bearer token: 401 without one, 403 for anyone else's.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class HttpAccessMatrixTests
{
    /// <summary>The expected table, one row per endpoint, written out by hand; <c>{id}</c> names the owner's thing.</summary>
    private static readonly IReadOnlyList<Row> Rows =
    [
        new("GET", "/api/", Access.Anonymous, _ => ("/api/", null)),
        new("GET", "/api/items/", Access.Anonymous, _ => ("/api/items/", null)),
        new("POST", "/api/items/", Access.Admin, _ => ("/api/items/", """{"name":"matrix","weight":1}""")),
        new("GET", "/api/items/{id}/", Access.Anonymous, s => ($"/api/items/{s.OwnersItem}/", null)),
        new("PUT", "/api/items/{id}/", Access.Admin, s => ($"/api/items/{s.OwnersItem}/", """{"name":"matrix","weight":2}""")),
        new("PATCH", "/api/items/{id}/", Access.Admin, s => ($"/api/items/{s.OwnersItem}/", """{"weight":3}""")),
        new("DELETE", "/api/items/{id}/", Access.Admin, s => ($"/api/items/{s.NewItemInOwnersInventory()}/", null)),
        new("GET", "/api/inventories/", Access.Anonymous, s => ($"/api/inventories/?username={s.OwnerName}", null)),
        new("GET", "/api/inventories/{id}/", Access.Anonymous, s => ($"/api/inventories/{s.OwnersInventory}/", null)),
        new("PUT", "/api/inventories/{id}/", Access.Admin, s => ($"/api/inventories/{s.OwnersInventory}/", $$"""{"items":[{{s.OwnersItem}}]}""")),
        new("PATCH", "/api/inventories/{id}/", Access.Admin, s => ($"/api/inventories/{s.OwnersInventory}/", $$"""{"items":[{{s.OwnersItem}}]}""")),
        new("DELETE", "/api/inventories/{id}/", Access.Admin, s => ($"/api/inventories/{s.OwnersInventory}/", null)),
        .. InProcessServer.OnPostgresByDefault ? Array.Empty<Row>() : new Row[] { new("POST", "/api/storage/backup", Access.Admin, _ => ("/api/storage/backup", null)) },
    ];

    private InProcessServer _server = null!;
    private HttpClient _http = null!;
    private Scene _scene = null!;

    public static IEnumerable<TestCaseData> Cells() =>
        from row in Rows
        from caller in AccessMatrix.Callers
        select new TestCaseData(row.Name, caller).SetArgDisplayNames(row.Name, caller.ToString());

    [OneTimeSetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.HttpUri };
        _scene = await Scene.CreateAsync(_server);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public void Every_endpoint_under_api_is_in_the_table()
    {
        var mapped = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => $"{method} {e.RoutePattern.RawText!.Replace("{id:int}", "{id}", StringComparison.Ordinal)}"))
            .Order(StringComparer.Ordinal);

        Assert.That(Rows.Select(r => r.Name).Order(StringComparer.Ordinal), Is.EqualTo(mapped));
    }

    [Test]
    public void The_docs_table_says_what_the_matrix_checks()
    {
        foreach (var row in Rows)
        {
            Assert.That(AccessMatrix.ReliabilityDoc, Does.Contain(AccessMatrix.DocsRow(row.Name, row.Access, "401", "403")),
                $"docs/reliability.md's \"Who may do what\" row for {row.Name}");
        }
    }

    [TestCaseSource(nameof(Cells))]
    public async Task Each_caller_is_let_in_or_refused_as_the_table_says(string endpoint, Caller caller)
    {
        var row = Rows.Single(r => r.Name == endpoint);
        var (path, body) = row.Request(_scene);
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (_scene.TokenOf(caller) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var before = await StoredStateAsync();
        using var response = await _http.SendAsync(request);

        if (AccessMatrix.LetsIn(row.Access, caller))
        {
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"{caller} is let into {endpoint}: {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo(caller == Caller.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden));
            Assert.That(await StoredStateAsync(), Is.EqualTo(before), "a refused write changes nothing stored");
        }
    }

    private async Task<string> StoredStateAsync() =>
        await _http.GetStringAsync(new Uri("/api/items/?page_size=1000", UriKind.Relative)) +
        await _http.GetStringAsync(new Uri("/api/inventories/?page_size=1000", UriKind.Relative));

    private sealed record Row(string Method, string Pattern, Access Access, Func<Scene, (string Path, string? Body)> Request)
    {
        public string Name => $"{Method} {Pattern}";
    }

    /// <summary>The owner's inventory and item, and a bearer token for each caller that has one.</summary>
    private sealed class Scene
    {
        private readonly InventoryService _inventory;
        private readonly Dictionary<Caller, string> _tokens;

        private Scene(InventoryService inventory, string ownerName, int owner, Dictionary<Caller, string> tokens)
        {
            _inventory = inventory;
            _tokens = tokens;
            OwnerName = ownerName;
            OwnersInventory = _inventory.Mine(owner).Id;
            OwnersItem = NewItemInOwnersInventory();
        }

        public static async Task<Scene> CreateAsync(InProcessServer server)
        {
            var ownerName = Some.Username("owner");
            var (_, owner) = await server.ConnectAsUserAsync(ownerName);
            var (_, other) = await server.ConnectAsUserAsync(Some.Username("other"));
            var (_, admin) = await server.ConnectAsAdminAsync(Some.Username("admin"));
            return new Scene(server.Services.GetRequiredService<InventoryService>(), ownerName, owner.User.Id, new()
            {
                [Caller.Player] = owner.Token,
                [Caller.OtherPlayer] = other.Token,
                [Caller.Admin] = admin.Token,
            });
        }

        public string OwnerName { get; }

        public int OwnersInventory { get; }

        public int OwnersItem { get; }

        public string? TokenOf(Caller caller) => _tokens.GetValueOrDefault(caller);

        public int NewItemInOwnersInventory()
        {
            var item = _inventory.CreateItem("matrix", 1).Id;
            _inventory.AddItem(OwnersInventory, item);
            return item;
        }
    }
}
