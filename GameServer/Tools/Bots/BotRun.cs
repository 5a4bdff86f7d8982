using System.Diagnostics;
using System.Security.Cryptography;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>
/// One run of the bots against one server: join them all (register and subscribe), walk for the
/// warm-up and the measured window, let the last updates arrive, disconnect, add up.
/// </summary>
internal static class BotRun
{
    // Registration hashes a password (PBKDF2) on the server: a few at a time, and all before the walk starts.
    private const int MaxConcurrentJoins = 4;

    // Bounds that no healthy run comes near: they only stop a run that has gone wrong.
    private static readonly TimeSpan JoinTimeoutBase = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan JoinTimeoutPerBot = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WalkSlack = TimeSpan.FromSeconds(30);

    /// <summary>How long the bots keep listening after the window: any move sent in it may still arrive.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);

    /// <summary>Runs the bots against <paramref name="url"/>; <paramref name="serverCpu"/> reads the server's CPU time so far, or is null when its process is unknown.</summary>
    public static async Task<BotsResult> RunAsync(BotsOptions options, Uri url, Func<TimeSpan>? serverCpu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var swarm = new Swarm();
        var bots = new Bot[options.Count];
        for (var i = 0; i < bots.Length; i++)
        {
            bots[i] = new Bot($"bot{tag}_{i}", swarm, options);
        }

        TimeSpan serverBefore = default, serverAfter = default, botsBefore, botsAfter;
        try
        {
            var joinStarted = Stopwatch.GetTimestamp();
            await JoinAllAsync(bots, url, cancellationToken);
            Console.Error.WriteLine($"{bots.Length} bots registered and subscribed in {Stopwatch.GetElapsedTime(joinStarted).TotalSeconds:0.0} s; walking");

            var measureFrom = Stopwatch.GetTimestamp() + LoadClient.Ticks(TimeSpan.FromSeconds(options.Warmup));
            var measureUntil = measureFrom + LoadClient.Ticks(TimeSpan.FromSeconds(options.Seconds));
            swarm.Start(bots, measureFrom, measureUntil);
            using var walking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            walking.CancelAfter(TimeSpan.FromSeconds(options.Warmup + options.Seconds) + WalkSlack);
            var period = TimeSpan.FromSeconds(1.0 / options.Rate);
            var walks = bots.Select((bot, i) => bot.WalkAsync(period * i / bots.Length, walking.Token)).ToArray();

            await LoadClient.DelayUntilAsync(measureFrom, walking.Token);
            (serverBefore, botsBefore) = (serverCpu?.Invoke() ?? default, ProcessCpu.Of(Environment.ProcessId));
            await LoadClient.DelayUntilAsync(measureUntil, walking.Token);
            (serverAfter, botsAfter) = (serverCpu?.Invoke() ?? default, ProcessCpu.Of(Environment.ProcessId));

            await Task.WhenAll(walks);
            await Task.Delay(Drain, cancellationToken);
        }
        finally
        {
            // Closing ends each client's receive loop, so the counters are final once this returns.
            await Task.WhenAll(bots.Select(b => b.DisposeAsync().AsTask()));
        }

        return BotsResult.Of(
            bots,
            options.Seconds,
            serverCpu is null ? double.NaN : (serverAfter - serverBefore).TotalSeconds,
            (botsAfter - botsBefore).TotalSeconds);
    }

    private static async Task JoinAllAsync(Bot[] bots, Uri url, CancellationToken cancellationToken)
    {
        using var joining = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        joining.CancelAfter(JoinTimeoutBase + (JoinTimeoutPerBot * bots.Length));
        using var gate = new SemaphoreSlim(MaxConcurrentJoins);
        var joins = Task.WhenAll(bots.Select(async bot =>
        {
            await gate.WaitAsync(joining.Token);
            try
            {
                await bot.JoinAsync(url, joining.Token);
            }
            catch
            {
                // One bot that cannot join spoils the run: stop the others rather than wait for them.
                await joining.CancelAsync();
                throw;
            }
            finally
            {
                gate.Release();
            }
        }));
        try
        {
            await joins;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && joins.IsCanceled)
        {
            throw new TimeoutException($"{bots.Length} bots did not all register and subscribe in time; is the server at {url} up?");
        }
    }
}
