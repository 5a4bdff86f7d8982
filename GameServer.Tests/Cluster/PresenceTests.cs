using System.Diagnostics.Metrics;
using GameServer.Cluster;
using GameServer.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Cluster;

/// <summary>Presence from the other nodes' parts: a user is online while on any node, and offline once the last node holding them lets go or dies.</summary>
[Category("Unit")]
public sealed class PresenceTests
{
    private readonly List<(int User, bool Online)> _told = [];
    private ServiceProvider _services = null!;
    private Presence _presence = null!;

    // NUnit keeps one instance for the fixture's tests: each starts from nothing here.
    [SetUp]
    public void NewPresence()
    {
        _told.Clear();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var registry = new SessionRegistry(Options.Create(new RealtimeOptions()), new RealtimeMetrics(_services.GetRequiredService<IMeterFactory>()));
        _presence = new Presence(registry);
        _presence.Changed += (user, online) => _told.Add((user, online));
    }

    [TearDown]
    public void DisposeServices() => _services.Dispose();

    [Test]
    public void A_user_on_two_nodes_stays_online_until_both_let_go()
    {
        _presence.Apply("node-b", 7, online: true);
        _presence.Apply("node-c", 7, online: true);
        _presence.Apply("node-b", 7, online: false);

        Assert.That(_presence.IsOnline(7), Is.True);
        _presence.Apply("node-c", 7, online: false);

        Assert.That(_presence.IsOnline(7), Is.False);
        Assert.That(_told, Is.EqualTo(new[] { (7, true), (7, true), (7, true), (7, false) }));
    }

    [Test]
    public void A_dead_nodes_users_go_offline_unless_on_another()
    {
        _presence.Replace("node-b", new HashSet<int> { 1, 2 });
        _presence.Apply("node-c", 2, online: true);
        _told.Clear();

        _presence.Drop("node-b");

        Assert.That(_told, Is.EquivalentTo(new[] { (1, false), (2, true) }));
        Assert.That(_presence.OnlineUsers, Is.EquivalentTo(new[] { 2 }));
        Assert.That(_presence.KnownNodes, Is.EqualTo(new[] { "node-c" }));
    }

    [Test]
    public void Reading_a_nodes_set_again_tells_only_who_came_or_went()
    {
        _presence.Replace("node-b", new HashSet<int> { 1, 2 });
        _told.Clear();

        _presence.Replace("node-b", new HashSet<int> { 2, 3 });

        Assert.That(_told, Is.EquivalentTo(new[] { (1, false), (3, true) }));
        Assert.That(_presence.CountOn("node-b"), Is.EqualTo(2));
    }
}
