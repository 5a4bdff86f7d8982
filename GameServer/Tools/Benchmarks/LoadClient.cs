using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// The raw load client, the same for every target: N WebSockets, each in a closed loop of one ping
/// frame out and one reply frame in. What counts is up to each connection's <see cref="IRoundTripRecorder"/>:
/// for the ping benchmark, the replies completed inside the measured window.
/// </summary>
internal static class LoadClient
{
    /// <summary>The one frame every connection sends, byte for byte the same to both targets.</summary>
    public static readonly byte[] PingFrame = """{"jsonrpc":"2.0","id":1,"method":"system.ping"}"""u8.ToArray();

    // Bounds that no healthy run comes near: they only stop a run that has gone wrong.
    private const long MaxRoundTripsPerConnection = 100_000_000;
    private const int MaxReplyBytes = 64 * 1024;
    private const int MaxConcurrentConnects = 16;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    /// <summary>Connects, warms up for <paramref name="warmup"/>, then measures for <paramref name="window"/>.</summary>
    public static async Task<LoadResult> RunAsync(ServerProcess target, int connections, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ConnectTimeout + warmup + window + Slack);
        var recorders = Enumerable.Range(0, connections).Select(_ => new WindowRecorder()).ToArray();
        TimeSpan serverBefore = default, serverAfter = default, clientBefore = default, clientAfter = default;
        await DriveAsync(target.WebSocketAddress, recorders, pace: TimeSpan.Zero, async ct =>
        {
            var measureFrom = Stopwatch.GetTimestamp() + Ticks(warmup);
            var measureUntil = measureFrom + Ticks(window);
            foreach (var recorder in recorders)
            {
                recorder.Measure(measureFrom, measureUntil);
            }

            await DelayUntilAsync(measureFrom, ct);
            (serverBefore, clientBefore) = (target.CpuTime(), ProcessCpu.Of(Environment.ProcessId));
            await DelayUntilAsync(measureUntil, ct);
            (serverAfter, clientAfter) = (target.CpuTime(), ProcessCpu.Of(Environment.ProcessId));
        }, bounded.Token);

        var latencies = new LatencyHistogram();
        foreach (var recorder in recorders)
        {
            latencies.Add(recorder.Latencies);
        }

        return new LoadResult(
            latencies.Count,
            window.TotalSeconds,
            latencies.PercentileMs(0.50),
            latencies.PercentileMs(0.99),
            (serverAfter - serverBefore).TotalSeconds,
            (clientAfter - clientBefore).TotalSeconds);
    }

    /// <summary>
    /// Opens one connection per recorder and keeps each in its closed loop, reporting every round trip
    /// to its own recorder, while <paramref name="workload"/> runs; the loops stop when it has finished.
    /// With a <paramref name="pace"/>, each connection sends at most one ping per pace instead of at once.
    /// </summary>
    public static async Task DriveAsync(
        Uri address, IReadOnlyList<IRoundTripRecorder> recorders, TimeSpan pace, Func<CancellationToken, Task> workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        ArgumentNullException.ThrowIfNull(workload);
        var sockets = new ClientWebSocket?[recorders.Count];
        var stop = new StrongBox<bool>();
        try
        {
            await ConnectAllAsync(sockets, address, cancellationToken);
            var workers = sockets.Select((s, i) => Task.Run(() => LoopAsync(s!, recorders[i], Ticks(pace), stop, cancellationToken))).ToArray();
            try
            {
                await workload(cancellationToken);
            }
            finally
            {
                Volatile.Write(ref stop.Value, true);
                await Task.WhenAll(workers);
            }
        }
        finally
        {
            await CloseAllAsync(sockets);
        }
    }

    private static async Task LoopAsync(ClientWebSocket socket, IRoundTripRecorder recorder, long pace, StrongBox<bool> stop, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxReplyBytes];
        for (long i = 0; i < MaxRoundTripsPerConnection; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            if (Volatile.Read(ref stop.Value) || !recorder.BeforeSend(sent))
            {
                break;
            }

            await socket.SendAsync(PingFrame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            await ReceiveReplyAsync(socket, buffer, cancellationToken);
            recorder.AfterReceive(sent, Stopwatch.GetTimestamp());
            if (pace > 0)
            {
                await DelayUntilAsync(sent + pace, cancellationToken);
            }
        }
    }

    private static async Task<int> ReceiveReplyAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (length < buffer.Length)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"the server closed the connection: {socket.CloseStatus} {socket.CloseStatusDescription}");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return length;
            }
        }

        throw new InvalidOperationException($"a reply was larger than {MaxReplyBytes} bytes");
    }

    private static async Task ConnectAllAsync(ClientWebSocket?[] sockets, Uri address, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(MaxConcurrentConnects);
        await Task.WhenAll(Enumerable.Range(0, sockets.Length).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var socket = sockets[i] = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.Zero;
                await socket.ConnectAsync(address, cancellationToken);
                await CheckFirstReplyAsync(socket, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    // A target that answers errors fast would look great: make sure the first reply is a result for id 1.
    private static async Task CheckFirstReplyAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxReplyBytes];
        await socket.SendAsync(PingFrame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        var reply = buffer.AsSpan(0, await ReceiveReplyAsync(socket, buffer, cancellationToken));
        if (!reply.StartsWith("""{"jsonrpc":"2.0","id":1,"""u8) || reply.IndexOf("\"error\""u8) >= 0)
        {
            throw new InvalidOperationException($"unexpected reply: {System.Text.Encoding.UTF8.GetString(reply)}");
        }
    }

    private static async Task CloseAllAsync(ClientWebSocket?[] sockets)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Task.WhenAll(sockets.Select(async socket =>
        {
            try
            {
                if (socket?.State == WebSocketState.Open)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // Closing is a courtesy; dispose tears the connection down anyway.
            }
            finally
            {
                socket?.Dispose();
            }
        }));
    }

    internal static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    internal static Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
