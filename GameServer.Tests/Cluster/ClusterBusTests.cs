using System.Diagnostics.Metrics;
using GameServer.Cluster;
using GameServer.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Cluster;

/// <summary>The bus on its own: delivered here at once, sent to the other nodes once, and a failing handler stops nobody.</summary>
[Category("Unit")]
public sealed class ClusterBusTests
{
    [Test]
    public void On_one_node_a_message_is_delivered_here_once_and_goes_nowhere_else()
    {
        var bus = new ClusterBus(NullLogger<ClusterBus>.Instance);
        var heard = new List<string>();
        bus.On("greetings", payload => heard.Add(System.Text.Encoding.UTF8.GetString(payload.Span)));

        bus.Publish("greetings", "hello"u8.ToArray());

        Assert.That(heard, Is.EqualTo(new[] { "hello" }));
        Assert.That(bus.CrossesNodes, Is.False);
    }

    [Test]
    public void In_cluster_mode_a_message_is_delivered_here_and_sent_once_and_one_from_elsewhere_is_delivered()
    {
        var transport = new RecordingTransport();
        var bus = new ClusterBus(NullLogger<ClusterBus>.Instance, transport);
        var heard = new List<string>();
        bus.On("greetings", payload => heard.Add(System.Text.Encoding.UTF8.GetString(payload.Span)));

        bus.Publish("greetings", "from here"u8.ToArray());
        bus.Receive("greetings", "from elsewhere"u8.ToArray());

        Assert.That(heard, Is.EqualTo(new[] { "from here", "from elsewhere" }));
        Assert.That(transport.Sent, Is.EqualTo(new[] { ("greetings", "from here") }));
    }

    [Test]
    public void A_failing_handler_leaves_the_publisher_and_the_other_nodes_unharmed()
    {
        var transport = new RecordingTransport();
        var bus = new ClusterBus(NullLogger<ClusterBus>.Instance, transport);
        bus.On("broken", _ => throw new InvalidOperationException("the feature's bug"));

        Assert.DoesNotThrow(() => bus.Publish("broken", "x"u8.ToArray()));
        Assert.That(transport.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_channel_has_one_handler()
    {
        var bus = new ClusterBus(NullLogger<ClusterBus>.Instance);
        bus.On("only", _ => { });

        Assert.Throws<InvalidOperationException>(() => bus.On("only", _ => { }));
    }

    [Test]
    public void A_user_message_from_another_node_reaches_no_one_here_when_the_user_has_no_session_here()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var registry = new SessionRegistry(Options.Create(new RealtimeOptions()), new RealtimeMetrics(services.GetRequiredService<IMeterFactory>()));
        var transport = new RecordingTransport();
        var sessions = new SessionBus(new ClusterBus(NullLogger<ClusterBus>.Instance, transport), registry);

        var here = sessions.SendToUser(7, Notification.Create("test.note", "hi", Protocol.GameJsonContext.Default.String));

        Assert.That(here, Is.Zero);
        Assert.That(transport.Sent, Has.Count.EqualTo(1), "sent to the nodes that may hold the user's sessions");
    }

    private sealed class RecordingTransport : IBusTransport
    {
        public List<(string Channel, string Payload)> Sent { get; } = [];

        public void Publish(string channel, ReadOnlyMemory<byte> payload) => Sent.Add((channel, System.Text.Encoding.UTF8.GetString(payload.Span)));
    }
}
