using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;

namespace GameServer.Tests.Storage.Durability;

/// <summary>
/// Rounds of: start the real server as a child process on one database file, check that every write
/// acknowledged so far is there, write from several clients at once (registrations, items over JSON-RPC
/// and HTTP, gifts every 250 ms), and SIGKILL it at a random moment. Round <c>r</c>'s choices come from
/// one <c>Random(seed)</c>.
/// </summary>
public sealed class DurabilityRun(string databasePath, string adminName, string password, int seed, Action<string> progress)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private readonly Random _random = new(seed);
    private readonly AcknowledgedWrites _acknowledged = new();
    private int _names;
    private string? _writerFailure;
    private bool _killed;

    public AcknowledgedWrites Acknowledged => _acknowledged;

    /// <summary>Runs <paramref name="rounds"/> kills, then one last start that checks everything; returns null or what was lost.</summary>
    public async Task<string?> RunAsync(int rounds)
    {
        for (var round = 1; round <= rounds + 1; round++)
        {
            using var server = ServerProcess.StartGameServer($"durability-{round}", databasePath,
                "--Gifts:Enabled=true", "--Gifts:Interval=00:00:00.250", "--Monsters:TickEnabled=false");
            var started = Stopwatch.StartNew();
            await server.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
            var healthyAfter = started.Elapsed;
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = CallTimeout };
            await using var admin = await GameClient.ConnectAsync(server.WebSocketAddress);
            var token = (await admin.LoginAsync(adminName, password).WaitAsync(CallTimeout)).Token;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            if (await VerifyAsync(admin, http) is { } lost)
            {
                return $"round {round} (seed {seed}): {lost}";
            }

            if (round > rounds)
            {
                progress($"durability: after {rounds} kills, every acknowledged write is there: {_acknowledged.Users} users, {_acknowledged.Items} items, {_acknowledged.Links} items in inventories ({_acknowledged.Gifts} of them gifts)");
                return null;
            }

            var killAfter = TimeSpan.FromMilliseconds(_random.Next(200, 2_000));
            using var writing = new CancellationTokenSource();
            var writers = new[]
            {
                RegisterAsync(server.WebSocketAddress, writing.Token),
                WriteOverHttpAsync(http, new Random(_random.Next()), writing.Token),
                WriteOverJsonRpcAsync(admin, new Random(_random.Next()), writing.Token),
            };
            Volatile.Write(ref _killed, false);
            await Task.Delay(killAfter);

            // On a starved machine one registration (a password hash) can outlast every window: the last
            // round waits, boundedly, for a first user, so that the run always has users to check.
            for (var waited = 0; round == rounds && _acknowledged.Users == 0 && waited < 600; waited++)
            {
                await Task.Delay(100);
            }

            Volatile.Write(ref _killed, true);
            server.Kill();
            await writing.CancelAsync();
            await Task.WhenAll(writers);
            if (_writerFailure is not null)
            {
                return $"round {round} (seed {seed}): {_writerFailure}";
            }

            progress($"durability: round {round}: healthy {healthyAfter.TotalSeconds:0.0} s after start, killed {killAfter.TotalMilliseconds:0} ms into the writes; " +
                $"acknowledged so far: {_acknowledged.Users} users, {_acknowledged.Items} items, {_acknowledged.Links} items in inventories ({_acknowledged.Gifts} of them gifts)");
        }

        return null;
    }

    private async Task<string?> VerifyAsync(GameClient admin, HttpClient http)
    {
        var expected = _acknowledged.Expect();
        var users = (await admin.ListUsersAsync().WaitAsync(CallTimeout)).Select(u => u.Username).ToHashSet(StringComparer.Ordinal);
        if (expected.Users.FirstOrDefault(u => !users.Contains(u)) is { } lostUser)
        {
            return $"the acknowledged registration of {lostUser} is gone";
        }

        foreach (var (id, state) in expected.Items)
        {
            using var response = await http.GetAsync(new Uri($"/api/items/{id}/", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                if (!state.Deleted && !state.DeletePending)
                {
                    return $"the acknowledged item {id} is gone";
                }

                _acknowledged.Settle(id, null);
                continue;
            }

            var item = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), GameJsonContext.Default.Item)!;
            if (state.Deleted)
            {
                return $"item {id}, whose delete was acknowledged, is back";
            }

            if (!state.Values.Any(v => v.Name == item.Name && Math.Abs(v.Weight - item.Weight) < 1e-9))
            {
                return $"item {id} is {item.Name} {item.Weight} kg; acknowledged was {string.Join(" or ", state.Values)}";
            }

            _acknowledged.Settle(id, (item.Name, item.Weight));
        }

        foreach (var inventory in expected.Links.GroupBy(l => l.Inventory))
        {
            var stored = JsonSerializer.Deserialize(await http.GetStringAsync(new Uri($"/api/inventories/{inventory.Key}/", UriKind.Relative)), GameJsonContext.Default.InventorySummary)!;
            if (inventory.FirstOrDefault(l => !stored.Items.Contains(l.Item)) is { Item: > 0 } lostLink)
            {
                return $"item {lostLink.Item}, acknowledged in inventory {inventory.Key}, is not in it";
            }
        }

        return null;
    }

    /// <summary>Registers players one after another; each stays connected to see its gifts arrive.</summary>
    private async Task RegisterAsync(Uri webSocket, CancellationToken cancellationToken)
    {
        var players = new List<GameClient>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var player = await GameClient.ConnectAsync(webSocket, cancellationToken);
                players.Add(player);
                var name = $"durable{Interlocked.Increment(ref _names)}_{seed}";
                var registered = await player.RegisterAsync(name, password, cancellationToken);
                var inventory = (await player.MyInventoryAsync(cancellationToken)).Id;
                _acknowledged.UserRegistered(registered.User.Username, inventory);
                _ = player.WaitForNotificationAsync(Methods.InventoryItemAdded, gift =>
                {
                    var added = gift.Read(GameJsonContext.Default.ItemAdded);
                    _acknowledged.ItemInInventory(added.Inventory, added.Item.Id, gift: added.Item.Name.StartsWith("Gift for ", StringComparison.Ordinal));
                    return false;
                }, CancellationToken.None);
            }
        }
        catch (Exception e) when (IsTheKill(e))
        {
        }
        finally
        {
            foreach (var player in players)
            {
                await player.DisposeAsync();
            }
        }
    }

    /// <summary>Creates, changes and deletes items through the HTTP API, one request at a time.</summary>
    private async Task WriteOverHttpAsync(HttpClient http, Random random, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var roll = random.Next(10);
                var weight = Math.Round(random.NextDouble() * 100, 2);
                if (roll < 5 || _acknowledged.PickSettledItem(random) is not { } id)
                {
                    var name = $"http item {Interlocked.Increment(ref _names)}";
                    using var created = await SendAsync(http, HttpMethod.Post, "/api/items/", $$"""{"name":"{{name}}","weight":{{Number(weight)}}}""", cancellationToken);
                    var item = JsonSerializer.Deserialize(await created.Content.ReadAsStringAsync(cancellationToken), GameJsonContext.Default.Item)!;
                    _acknowledged.ItemCreated(item.Id, item.Name, item.Weight);
                }
                else if (roll < 9)
                {
                    _acknowledged.ItemUpdateSent(id, weight);
                    using var updated = await SendAsync(http, HttpMethod.Patch, $"/api/items/{id}/", $$"""{"weight":{{Number(weight)}}}""", cancellationToken);
                    var item = JsonSerializer.Deserialize(await updated.Content.ReadAsStringAsync(cancellationToken), GameJsonContext.Default.Item)!;
                    _acknowledged.ItemUpdated(id, item.Name, item.Weight);
                }
                else
                {
                    _acknowledged.ItemDeleteSent(id);
                    using var deleted = await SendAsync(http, HttpMethod.Delete, $"/api/items/{id}/", null, cancellationToken);
                    _acknowledged.ItemDeleted(id);
                }
            }
        }
        catch (Exception e) when (IsTheKill(e))
        {
        }
    }

    /// <summary>Creates items over JSON-RPC as an admin and puts each into a registered player's inventory.</summary>
    private async Task WriteOverJsonRpcAsync(GameClient admin, Random random, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var item = await admin.CreateItemAsync($"rpc item {Interlocked.Increment(ref _names)}", Math.Round(random.NextDouble() * 10, 2), cancellationToken);
                _acknowledged.ItemCreated(item.Id, item.Name, item.Weight);
                if (_acknowledged.PickInventory(random) is { } inventory)
                {
                    await admin.AddItemToInventoryAsync(inventory, item.Id, cancellationToken);
                    _acknowledged.ItemInInventory(inventory, item.Id);
                }
            }
        }
        catch (Exception e) when (IsTheKill(e))
        {
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // Whatever a call in flight meets when the server dies under it ends a writer quietly; before the kill it is a failure.
    private bool IsTheKill(Exception e)
    {
        if (!Volatile.Read(ref _killed))
        {
            _writerFailure ??= $"a writer failed before the kill: {e}";
        }

        return e is HttpRequestException or System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or GameRpcException;
    }
}
