using System.Diagnostics.Metrics;
using GameServer.Protocol;
using GameServer.Protocol.System;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace GameServer.Tests.Metrics;

/// <summary><c>system.info</c> and the instruments tell the same figures: one source of truth.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class SystemInfoMetricsTests
{
    private const int Pings = 5;

    [Test]
    public async Task System_info_agrees_with_the_instruments_after_known_traffic()
    {
        await using var server = await InProcessServer.StartAsync();
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        using var received = new MetricCollector<long>(meters, RealtimeMetrics.MeterName, "gameserver.realtime.messages.received");
        using var sent = new MetricCollector<long>(meters, RealtimeMetrics.MeterName, "gameserver.realtime.messages.sent");
        using var connections = new MetricCollector<int>(meters, RealtimeMetrics.MeterName, "gameserver.realtime.connections");
        using var sessions = new MetricCollector<int>(meters, RealtimeMetrics.MeterName, "gameserver.realtime.sessions");
        var (client, _) = await server.ConnectAsUserAsync();
        // Its answer proves the server has registered it: the client's handshake can end before that.
        await using var other = await server.ConnectAsync();
        await other.PingAsync();
        for (var i = 0; i < Pings; i++)
        {
            await client.PingAsync();
        }

        var info = await client.InfoAsync();

        // A ping after system.info: its answer, counted by the writer once sent, is then surely counted.
        await client.PingAsync();
        var messagesIn = Read(received);
        var messagesOut = Read(sent);
        Assert.Multiple(() =>
        {
            Assert.That(messagesIn[Methods.SystemPing], Is.EqualTo(Pings + 2));
            Assert.That(messagesIn[Methods.AuthRegister], Is.EqualTo(1));
            Assert.That(messagesIn.Values.Sum(), Is.EqualTo(info.MessagesReceived + 1), "the ping after system.info");
            Assert.That(messagesOut.Values.Sum(), Is.EqualTo(info.MessagesSent + 2), "system.info's answer and the ping's");
            Assert.That(info.MessagesReceived, Is.EqualTo(Pings + 3), "register, the pings of both and system.info itself");
            Assert.That(Gauge(connections), Is.EqualTo(info.Connections).And.EqualTo(2));
            Assert.That(Gauge(sessions), Is.EqualTo(info.SessionsLoggedIn).And.EqualTo(1), "one of the two connections logged in");
        });
    }

    private static Dictionary<string, long> Read(MetricCollector<long> collector)
    {
        collector.Clear();
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["method"]!, m => m.Value);
    }

    private static int Gauge(MetricCollector<int> collector)
    {
        collector.Clear();
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot().Single().Value;
    }
}
