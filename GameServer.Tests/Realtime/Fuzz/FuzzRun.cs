using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using GameServer.Protocol.Client;
using GameServer.Protocol.System;

namespace GameServer.Tests.Realtime.Fuzz;

/// <summary>How much to fuzz: the seed (printed, settable), how many frames, for how long at most, over how many connections.</summary>
public sealed record FuzzSettings(int Seed, int Frames, TimeSpan Budget, int Connections)
{
    public const string SeedVariable = "GAMESERVER_FUZZ_SEED";
    public const string FramesVariable = "GAMESERVER_FUZZ_FRAMES";
    public const string SecondsVariable = "GAMESERVER_FUZZ_SECONDS";

    /// <summary>The seed from <c>GAMESERVER_FUZZ_SEED</c> or a fresh one; frames and seconds from their variables when <paramref name="fromEnvironment"/>.</summary>
    public static FuzzSettings From(int frames, TimeSpan budget, bool fromEnvironment)
    {
        var seed = Read(SeedVariable) ?? Random.Shared.Next();
        return fromEnvironment
            ? new FuzzSettings(seed, Read(FramesVariable) ?? frames, Read(SecondsVariable) is { } seconds ? TimeSpan.FromSeconds(seconds) : budget, 4)
            : new FuzzSettings(seed, frames, budget, 4);
    }

    private static int? Read(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>What a fuzz run did: frames sent, how long, how connections closed, which error codes came back, and the first broken rule.</summary>
public sealed record FuzzOutcome(int Frames, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Closes, string? Failure)
{
    public override string ToString() =>
        $"{Frames} frames in {Elapsed.TotalSeconds:0.0} s; closes: {string.Join(", ", Closes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}×{c.Value}"))}; " +
        (Failure is null ? "every rule kept" : $"FAILED: {Failure}");
}

/// <summary>
/// Runs the generated frames over several connections at once, half of them logged in as players, and
/// checks every exchange against <see cref="AnswerRules"/>. Connection <c>i</c> draws from <c>Random(seed + i)</c>.
/// </summary>
public sealed class FuzzRun(Uri webSocketUri, FuzzSettings settings, IReadOnlyList<string> methods, IReadOnlyList<string> usernames,
    IReadOnlyList<FuzzLogin> players, int maxMessageSize, IReadOnlySet<int> documentedCloseCodes, Action<string> progress)
{
    private static readonly TimeSpan ExchangeTimeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, int> _closes = new(StringComparer.Ordinal);
    private int _sent;
    private string? _failure;

    public WritesAskedFor Asked { get; } = new();

    public async Task<FuzzOutcome> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(settings.Budget);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, settings.Connections).Select(i => Task.Run(() => RunConnectionAsync(i, stop))))
                .WaitAsync(settings.Budget + (3 * ExchangeTimeout));
        }
        catch (TimeoutException)
        {
            _failure ??= $"seed {settings.Seed}: connections still waiting {3 * ExchangeTimeout.TotalSeconds} s after the time budget: the server stopped answering";
        }

        return new FuzzOutcome(Math.Min(_sent, settings.Frames), clock.Elapsed, _closes, _failure);
    }

    /// <summary>A fresh connection's <c>system.ping</c>: the server is alive and answering.</summary>
    public async Task<string?> CheckAliveAsync()
    {
        try
        {
            await using var client = await GameClient.ConnectAsync(webSocketUri);
            await client.PingAsync().WaitAsync(ExchangeTimeout);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"a fresh connection's system.ping failed: {e.Message}";
        }
    }

    private async Task RunConnectionAsync(int index, CancellationTokenSource stop)
    {
        var generator = new FrameGenerator(new Random(settings.Seed + index), methods, usernames, maxMessageSize);
        FuzzConnection? connection = null;
        var frameNumber = 0;
        try
        {
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref _sent) is var sent && sent <= settings.Frames)
            {
                if (sent % 10_000 == 0)
                {
                    progress($"fuzz: {sent} frames sent");
                }

                try
                {
                    connection ??= await ConnectAsync(index);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
                {
                    Fail(stop, index, frameNumber, null, $"a new connection failed: {e.Message}");
                    return;
                }

                var frame = generator.Next();
                frameNumber++;
                Asked.Note(frame);
                Exchange exchange;
                try
                {
                    exchange = await connection.SendAsync(frame);
                }
                catch (Exception e) when (e is TimeoutException or InvalidDataException)
                {
                    // Whether the whole server or only this session stopped: the first thing to know about a hang.
                    var others = e is TimeoutException ? $" ({await CheckAliveAsync() ?? "a fresh connection's system.ping still answers"})" : "";
                    Fail(stop, index, frameNumber, frame, e.Message + others);
                    return;
                }

                if (AnswerRules.Check(frame, exchange, maxMessageSize, documentedCloseCodes) is { } broken)
                {
                    Fail(stop, index, frameNumber, frame, broken);
                    return;
                }

                if (exchange.Closed)
                {
                    _closes.AddOrUpdate(exchange.CloseStatus is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "none", 1, (_, n) => n + 1);
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    // Odd-numbered connections are players; the others stay anonymous unless a fuzzed frame logs them in.
    private Task<FuzzConnection> ConnectAsync(int index) =>
        FuzzConnection.ConnectAsync(webSocketUri, index % 2 == 1 ? players[index / 2 % players.Count] : null, ExchangeTimeout);

    private void Fail(CancellationTokenSource stop, int connection, int frameNumber, FuzzFrame? frame, string reason)
    {
        var failure = $"seed {settings.Seed}, connection {connection}, its frame {frameNumber}: {reason}; the frame: {frame?.ToString() ?? "none"}";
        if (Interlocked.CompareExchange(ref _failure, failure, null) is null)
        {
            progress($"fuzz: {failure}");
        }

        stop.Cancel();
    }
}
