using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using GameServer.Players;

namespace GameServer.Tools.Benchmarks.Micro;

/// <summary>
/// One player patch as the server makes it every <c>World:PatchInterval</c>: half the players step
/// (moves at 10 Hz against patches at 20 Hz, the load of issue 16), then <see cref="PlayerFeed.Publish"/>
/// builds the <c>players.updated</c> frames and queues them, and every subscriber's writer sends its
/// frame through its WebSocket. The operation ends when the last frame is written. Every player is
/// also a subscriber, of the whole world or with a radius, in the default 100 × 100 world.
/// </summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class PatchBenchmarks
{
    private const int StepCount = 4096;

    private MicroServer _server = null!;
    private IReadOnlyList<BenchPlayer> _players = null!;
    private (double Dx, double Dy)[] _steps = null!;
    private int _patch;
    private long _bytesBefore;

    // Where one operation's time goes, summed over every operation: the moves, the patch's build
    // (capture, entries, frames, queueing: PatchReport.Elapsed) and the writers' sends.
    private TimeSpan _moving;
    private TimeSpan _building;
    private TimeSpan _sending;

    /// <summary>What each subscriber asked for in <c>players.subscribe</c>.</summary>
    public enum View
    {
        WholeWorld,
        Radius10,
    }

    [Params(200, 1000)]
    public int Subscribers { get; set; }

    [Params(View.WholeWorld, View.Radius10)]
    public View Subscription { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Far above what one benchmark thread can send, so that no move is refused.
        _server = MicroServer.Create("--World:MaxMovesPerSecond=1000000");
        var random = new Random(42);
        _players = _server.AddPlayers(Subscribers, random);
        _steps = [.. Enumerable.Range(0, StepCount).Select(_ => ((random.NextDouble() * 2) - 1, (random.NextDouble() * 2) - 1))];
        double? radius = Subscription == View.Radius10 ? 10 : null;
        foreach (var player in _players)
        {
            _server.Feed.Subscribe(player.Session, radius);

            // The dispatcher's part: the snapshot's answer is queued, so patches may follow it.
            player.Session.Answered();
        }

        // Logins are changes too: the first patch carries them all, and it is not the one measured.
        _server.Feed.Publish();
        MicroServer.WaitUntilSent(_players);
        _bytesBefore = _server.BytesSent;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Not a column BenchmarkDotNet has: what a patch puts on the wire, to read next to its cost.
        if (_patch > 0)
        {
            Console.WriteLine($"// {Subscribers} subscribers, {Subscription}: {(_server.BytesSent - _bytesBefore) / _patch:N0} bytes written per patch (every subscriber's frame, WebSocket framing included)");
            Console.WriteLine($"// {Subscribers} subscribers, {Subscription}, per operation: moves {_moving.TotalMicroseconds / _patch:N1} µs, patch build {_building.TotalMicroseconds / _patch:N1} µs, sends {_sending.TotalMicroseconds / _patch:N1} µs");
        }

        _server.Dispose();
    }

    /// <summary>The server under measurement, for the tests.</summary>
    internal MicroServer Server => _server;

    /// <summary>Half the players move, one patch is built and every subscriber's frame is written.</summary>
    [Benchmark]
    public void MoveHalfAndPatch()
    {
        var started = Stopwatch.GetTimestamp();
        var half = _patch++ & 1;
        for (var i = half; i < _players.Count; i += 2)
        {
            var (dx, dy) = _steps[(i + _patch) % StepCount];
            _server.World.Move(_players[i].UserId, dx, dy);
        }

        _moving += Stopwatch.GetElapsedTime(started);
        var report = _server.Feed.Publish();
        _building += report.Elapsed;
        var sending = Stopwatch.GetTimestamp();
        MicroServer.WaitUntilSent(_players);
        _sending += Stopwatch.GetElapsedTime(sending);
    }
}
