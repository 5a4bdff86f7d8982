using System.Net.WebSockets;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Realtime;

/// <summary>
/// Finding 3: the outbound queue was bounded in messages only, so large replies to a client that
/// does not read pinned gigabytes. It is now bounded in bytes too.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class OutboundBytesTests
{
    private const int QueueBytes = 256 * 1024;

    // Each frame is ~61 KB in and ~61 KB out: 20 unknown methods whose 3,000-character ids are echoed.
    // 600 frames (~36 MB) are far more than the kernel's buffers and the byte limit, and fewer than the
    // 1,024 messages the message limit alone would wait for.
    private const int MaxFrames = 600;

    [Test]
    public async Task A_client_that_stops_reading_is_closed_before_it_pins_more_than_OutboundQueueBytes()
    {
        await using var server = await InProcessServer.StartAsync($"--Realtime:OutboundQueueBytes={QueueBytes}", "--Realtime:CloseTimeout=00:00:01");
        var registry = server.Services.GetRequiredService<SessionRegistry>();
        var closed = new TaskCompletionSource<Session>(TaskCreationOptions.RunContinuationsAsynchronously);
        var peak = 0L;
        Session? opened = null;
        registry.Opened += session => opened = session;
        registry.Closed += session => closed.TrySetResult(session);
        using var peer = await SilentPeer.ConnectAsync(server.WebSocketUri);
        var id = new string('x', 3000);
        var frame = "[" + string.Join(",", Enumerable.Range(0, 20).Select(i => $$"""{"jsonrpc":"2.0","id":"{{i}}{{id}}","method":"no.such_method"}""")) + "]";

        for (var sent = 0; sent < MaxFrames && !closed.Task.IsCompleted; sent++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await peer.SendTextAsync(frame, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
            {
                break; // the server stopped reading: it is closing the connection
            }

            peak = Math.Max(peak, opened?.QueuedBytes ?? 0);
        }

        var session = await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.That(session.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        Assert.That(session.CloseDescription, Does.Contain("bytes"));
        Assert.That(peak, Is.LessThanOrEqualTo(QueueBytes));
    }
}
