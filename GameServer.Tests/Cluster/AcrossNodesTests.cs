using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Client;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Cluster;

/// <summary>
/// Three nodes as separate processes on one PostgreSQL database and one Redis: what is addressed to a
/// user or to the chat reaches sessions on every node, once, and presence is the cluster's.
/// </summary>
[Category("Integration")]
[CancelAfter(120_000)]
[NonParallelizable] // Three server processes: alongside the other fixtures they starved for CPU on two cores.
public sealed class AcrossNodesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private TestCluster _cluster = null!;
    private readonly List<GameClient> _clients = [];

    [OneTimeSetUp]
    // A longer lease than the cluster's 2 s: nothing here dies, and a node starved of CPU for a moment must not be taken for dead.
    public async Task StartNodes() => _cluster = await TestCluster.StartAsync(3, TestRedis.Shared, "--Cluster:LeaseTimeout=00:00:10");

    [OneTimeTearDown]
    public void StopNodes() => _cluster?.Dispose();

    [TearDown]
    public async Task CloseClients()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        _clients.Clear();
    }

    [Test]
    public async Task Chat_sent_on_one_node_reaches_the_subscribers_of_every_node_once()
    {
        var alice = await UserAsync(0);
        var bob = await UserAsync(2);
        var carol = await UserAsync(1);
        var aliceLog = new NotificationLog(alice.Client);
        foreach (var client in new[] { alice.Client, bob.Client, carol.Client })
        {
            await client.SubscribeToChatAsync();
        }

        var atBob = bob.Client.WaitForNotificationAsync(Methods.ChatMessage, n => n.Read(GameJsonContext.Default.ChatMessage).User == alice.Auth.User.Id);
        var atCarol = carol.Client.WaitForNotificationAsync(Methods.ChatMessage, n => n.Read(GameJsonContext.Default.ChatMessage).User == alice.Auth.User.Id);
        var sent = await alice.Client.SendChatAsync("hello from node-0");

        Assert.That((await atBob.WaitAsync(Timeout)).Read(GameJsonContext.Default.ChatMessage), Is.EqualTo(sent));
        Assert.That((await atCarol.WaitAsync(Timeout)).Read(GameJsonContext.Default.ChatMessage), Is.EqualTo(sent));

        // Bob answers once he has it; Redis delivers in order, so a copy of Alice's own message coming
        // back to node-0 would be there before his answer.
        var answer = alice.Client.WaitForNotificationAsync(Methods.ChatMessage, n => n.Read(GameJsonContext.Default.ChatMessage).User == bob.Auth.User.Id);
        await bob.Client.SendChatAsync("hello from node-2");
        await answer.WaitAsync(Timeout);
        await aliceLog.SettleAsync();
        Assert.That(aliceLog.Of(Methods.ChatMessage).Count(n => n.Read(GameJsonContext.Default.ChatMessage).Id == sent.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task An_item_added_on_one_node_is_pushed_to_the_owners_devices_on_the_others()
    {
        var owner = await UserAsync(0);
        var secondDevice = await Track(_cluster.ConnectAsync(1, owner.Auth.User.Username));
        var admin = await Track(_cluster.ConnectAsync(2, _cluster.AdminName));
        var inventory = await owner.Client.MyInventoryAsync();
        var item = await admin.Client.CreateItemAsync("lantern", 1.5);
        var onFirst = owner.Client.WaitForNotificationAsync(Methods.InventoryItemAdded);
        var onSecond = secondDevice.Client.WaitForNotificationAsync(Methods.InventoryItemAdded);

        await admin.Client.AddItemToInventoryAsync(inventory.Id, item.Id);

        Assert.That((await onSecond.WaitAsync(Timeout)).Read(GameJsonContext.Default.ItemAdded), Is.EqualTo(new ItemAdded(inventory.Id, item)));
        Assert.That((await onFirst.WaitAsync(Timeout)).Read(GameJsonContext.Default.ItemAdded), Is.EqualTo(new ItemAdded(inventory.Id, item)));
    }

    [Test]
    public async Task Rights_given_on_one_node_reach_the_users_session_on_another_at_once()
    {
        var user = await UserAsync(1);
        var admin = await Track(_cluster.ConnectAsync(0, _cluster.AdminName));
        var told = user.Client.WaitForNotificationAsync(Methods.AuthUserChanged);

        await admin.Client.SetAdminAsync(user.Auth.User.Id, isAdmin: true);

        Assert.That((await told.WaitAsync(Timeout)).Read(GameJsonContext.Default.UserChanged).User.IsAdmin, Is.True);
        Assert.That(await user.Client.CreateItemAsync("crown", 2), Is.Not.Null, "an admin method is allowed on the user's node now");
    }

    [Test]
    public async Task A_logout_on_one_node_signs_out_the_tokens_sessions_on_another()
    {
        var user = await UserAsync(0);
        var elsewhere = await Track(Resume(2, user.Auth.Token));
        var signedOut = elsewhere.WaitForNotificationAsync(Methods.AuthSignedOut);

        await user.Client.LogoutAsync();

        Assert.That((await signedOut.WaitAsync(Timeout)).Read(GameJsonContext.Default.SignedOut).Reason, Is.EqualTo(SignOutReasons.Logout));
    }

    [Test]
    public async Task A_user_is_online_for_every_node_while_a_session_is_open_on_any()
    {
        var watcher = await UserAsync(0);
        var players = await WatchedPlayers.SubscribeAsync(watcher.Client);

        var (client, auth) = await _cluster.ConnectAsUserAsync(1);
        await players.UntilAsync(auth.User.Id, online: true, Timeout);
        await client.DisposeAsync();

        await players.UntilAsync(auth.User.Id, online: false, Timeout);
    }

    [Test]
    public async Task System_info_lists_the_live_nodes()
    {
        var user = await UserAsync(1);

        // The nodes started together: each has seen the others by its second heartbeat.
        ServerInfo info;
        var deadline = DateTime.UtcNow + Timeout;
        do
        {
            info = await user.Client.InfoAsync();
        }
        while (info.Nodes!.Count < 3 && DateTime.UtcNow < deadline && await Delay(TestCluster.HeartbeatInterval));

        Assert.That(info.Node, Is.EqualTo("node-1"));
        Assert.That(info.Nodes.Select(n => n.Id), Is.EqualTo(new[] { "node-0", "node-1", "node-2" }));
        Assert.That(info.Nodes.Single(n => n.Id == "node-1").SessionsLoggedIn, Is.GreaterThanOrEqualTo(1));
    }

    private static async Task<bool> Delay(TimeSpan delay)
    {
        await Task.Delay(delay);
        return true;
    }

    private async Task<(GameClient Client, AuthResult Auth)> UserAsync(int node) => await Track(_cluster.ConnectAsUserAsync(node));

    private async Task<(GameClient Client, AuthResult Auth)> Track(Task<(GameClient Client, AuthResult Auth)> connecting)
    {
        var connected = await connecting;
        _clients.Add(connected.Client);
        return connected;
    }

    private async Task<GameClient> Track(Task<GameClient> connecting)
    {
        var client = await connecting;
        _clients.Add(client);
        return client;
    }

    private async Task<GameClient> Resume(int node, string token)
    {
        var client = await GameClient.ConnectAsync(_cluster[node].WebSocketAddress);
        await client.ResumeAsync(token);
        return client;
    }
}
