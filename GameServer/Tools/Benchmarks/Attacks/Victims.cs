using System.Diagnostics;
using GameServer.Protocol.Client;
using GameServer.Protocol.System;

namespace GameServer.Tools.Benchmarks.Attacks;

/// <summary>
/// Logged-in players who only want their game to stay responsive: each pings at a steady pace, and
/// every round trip lands in the histogram of the phase it started in.
/// </summary>
internal sealed class Victims : IAsyncDisposable
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(20);
    private readonly List<GameClient> _clients;
    private volatile LatencyHistogram[] _current;

    private Victims(List<GameClient> clients)
    {
        _clients = clients;
        _current = NewHistograms(clients.Count);
    }

    public static async Task<Victims> LogInAsync(Uri address, int count, CancellationToken cancellationToken)
    {
        var clients = new List<GameClient>();
        for (var i = 0; i < count; i++)
        {
            var client = await GameClient.ConnectAsync(address, cancellationToken);
            clients.Add(client);
            await Protocol.Accounts.AuthClientExtensions.RegisterAsync(client, $"victim{i:D3}", AttackBenchmark.Password, cancellationToken);
        }

        return new Victims(clients);
    }

    /// <summary>Pings until <paramref name="cancellationToken"/> fires; a failed ping counts as a timeout.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_clients.Select((client, i) => Task.Run(() => PingLoopAsync(client, i, cancellationToken), CancellationToken.None)));

    /// <summary>Starts a new phase; returns the round trips of the phase that ended, merged.</summary>
    public LatencyHistogram NextPhase()
    {
        var ended = Interlocked.Exchange(ref _current, NewHistograms(_clients.Count));
        var merged = new LatencyHistogram();
        foreach (var histogram in ended)
        {
            lock (histogram)
            {
                merged.Add(histogram);
            }
        }

        return merged;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    private async Task PingLoopAsync(GameClient client, int index, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var histogram = _current[index];
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await client.PingAsync(timeout.Token);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A lost or timed-out ping is recorded at its full wait: the player saw nothing for that long.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (histogram)
            {
                histogram.Record(Stopwatch.GetTimestamp() - started);
            }

            try
            {
                await Task.Delay(Pace, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static LatencyHistogram[] NewHistograms(int count) => [.. Enumerable.Range(0, count).Select(_ => new LatencyHistogram())];
}
