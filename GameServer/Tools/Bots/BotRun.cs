using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using GameServer.Tools.Benchmarks;
using GameServer.Protocol.Client;

namespace GameServer.Tools.Bots;

/// <summary>
/// One run of one process's bots against one server or the nodes of one cluster (bot i joins node
/// i mod n): joins spread over the ramp-up (each bot acts as soon as it has joined), then the warm-up
/// and the measured window, then the last updates arrive and the bots disconnect. Bounded in time
/// whatever the servers do.
/// </summary>
internal static class BotRun
{
    // Login and registration hash a password (PBKDF2) on the server: a few at a time.
    private const int MaxConcurrentJoins = 4;

    // Bounds that no healthy run comes near: they only stop a run that has gone wrong.
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan JoinTimeoutPerBot = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    /// <summary>How long the bots keep listening after the window: any move sent in it may still arrive.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs the bots against the nodes <paramref name="urls"/>; <paramref name="serverCpu"/> reads each
    /// node's CPU time so far, in the same order, or is null when their processes are unknown.
    /// <paramref name="progress"/> gets a snapshot every second (the live line on stderr when null).
    /// </summary>
    public static async Task<BotsResult> RunAsync(
        BotsOptions options, ValueList<Uri> urls, ServerCpu? serverCpu, CancellationToken cancellationToken, Action<BotsProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        var swarm = new Swarm();
        var bots = Enumerable.Range(options.FirstBot, options.Count)
            .Select(n => new Bot(options.Username(n), options.Mix.Of(n), swarm, options))
            .ToArray();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(options.RampUp + options.Warmup + options.Seconds) + JoinTimeout + (JoinTimeoutPerBot * bots.Length) + Slack);
        var phase = "joining";
        var started = Stopwatch.GetTimestamp();
        using var reporting = new BotsProgressReporter(() => BotsProgress.Of(bots, swarm, phase, Stopwatch.GetElapsedTime(started)), progress ?? BotsProgress.LinePrinter());
        var lives = new ConcurrentBag<Task>();
        TimeSpan[] serverBefore = [], serverAfter = [];
        TimeSpan botsBefore = default, botsAfter = default;
        WindowCounts atOpen = default, atClose = default;
        try
        {
            await JoinAllAsync(bots, urls, options, lives, bounded.Token);
            var joined = bots.Count(b => b.Connected);
            if (joined == 0)
            {
                throw new InvalidOperationException($"no bot could join the server at {urls}: {string.Join(", ", swarm.Errors.Snapshot().Select(e => $"{e.Key} ×{e.Value}"))}");
            }

            Console.Error.WriteLine($"{joined} of {bots.Length} bots joined ({swarm.LoggedIn} logged in, {swarm.Registered} registered) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
            var measureFrom = Stopwatch.GetTimestamp() + LoadClient.Ticks(TimeSpan.FromSeconds(options.Warmup));
            var measureUntil = measureFrom + LoadClient.Ticks(TimeSpan.FromSeconds(options.Seconds));
            swarm.Start(measureFrom, measureUntil);
            phase = "warm-up";
            await LoadClient.DelayUntilAsync(measureFrom, bounded.Token);
            phase = "measuring";
            (serverBefore, botsBefore, atOpen) = (ServerCpu.Read(serverCpu), ProcessCpu.Of(Environment.ProcessId), WindowCounts.Of(bots));
            await LoadClient.DelayUntilAsync(measureUntil, bounded.Token);
            (serverAfter, botsAfter, atClose) = (ServerCpu.Read(serverCpu), ProcessCpu.Of(Environment.ProcessId), WindowCounts.Of(bots));
            phase = "draining";
            swarm.End();
            await Task.WhenAll(lives).WaitAsync(bounded.Token);
            await Task.Delay(Drain, bounded.Token);
        }
        finally
        {
            swarm.End();

            // Closing ends each client's receive loop, so the counters are final once this returns.
            await Task.WhenAll(bots.Select(b => b.DisposeAsync().AsTask()));
        }

        return BotsResult.Of(
            bots,
            swarm,
            bots.Count(b => b.PlayerId != 0),
            WindowCounts.Between(atOpen, atClose, WindowCounts.Of(bots)),
            options.Seconds,
            NodeFigures.Of(bots, urls, ServerCpu.Between(urls.Count, serverBefore, serverAfter)),
            (botsAfter - botsBefore).TotalSeconds);
    }

    private static async Task JoinAllAsync(Bot[] bots, ValueList<Uri> urls, BotsOptions options, ConcurrentBag<Task> lives, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(MaxConcurrentJoins);
        await Task.WhenAll(bots.Select(async (bot, i) =>
        {
            // Bot i of n first connects i/n of the way through the ramp-up.
            await Task.Delay(TimeSpan.FromSeconds(options.RampUp * i / bots.Length), cancellationToken);
            await gate.WaitAsync(cancellationToken);
            try
            {
                using var joining = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                joining.CancelAfter(JoinTimeout);
                await bot.JoinAsync(urls, BotsOptions.NodeOf(options.FirstBot + i, urls.Count), joining.Token);
                lives.Add(LiveAsync(bot, cancellationToken));
            }
            catch (Exception e) when (e is WebSocketException or GameRpcException or InvalidOperationException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Counted by kind where it failed (connect, a call); a join that hangs is counted here.
                if (e is OperationCanceledException or InvalidOperationException)
                {
                    bot.Swarm.Errors.Add(e is OperationCanceledException ? "join timeout" : "join failed");
                }
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task LiveAsync(Bot bot, CancellationToken cancellationToken)
    {
        try
        {
            await bot.LiveAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One bot that fails is a count in the table, not the end of the run.
            bot.Swarm.Errors.Add($"bot failed: {e.GetType().Name}");
        }
    }
}
