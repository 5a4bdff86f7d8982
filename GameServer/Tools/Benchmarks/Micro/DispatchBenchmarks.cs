using System.Text;
using BenchmarkDotNet.Attributes;
using GameServer.Realtime;

namespace GameServer.Tools.Benchmarks.Micro;

/// <summary>
/// One request through <see cref="Realtime.JsonRpc.JsonRpcDispatcher"/>, from the received frame to
/// the reply written by the session's writer: parsing, the method table, access, the handler, the
/// reply's serialisation, the queue and the WebSocket send. Everything after the socket's receive.
/// </summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class DispatchBenchmarks
{
    private static readonly byte[] PingFrame = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"system.ping"}""");

    // There and back, so the player stays where it is however many moves are measured.
    private static readonly byte[][] MoveFrames =
    [
        Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":2,"method":"players.move","params":{"dx":0.5,"dy":-0.25}}"""),
        Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":3,"method":"players.move","params":{"dx":-0.5,"dy":0.25}}"""),
    ];

    private MicroServer _server = null!;
    private Session _session = null!;
    private int _moves;

    [GlobalSetup]
    public void Setup()
    {
        // Far above what one benchmark thread can send, so that no move is refused.
        _server = MicroServer.Create("--World:MaxMovesPerSecond=1000000");
        _session = _server.AddPlayers(1, new Random(42))[0].Session;
    }

    [GlobalCleanup]
    public void Cleanup() => _server.Dispose();

    /// <summary>The server under measurement, for the tests.</summary>
    internal MicroServer Server => _server;

    /// <summary>The connection the requests arrive on, for the tests.</summary>
    internal Session Session => _session;

    /// <summary><c>system.ping</c>: the dispatcher's own cost, with the smallest handler.</summary>
    [Benchmark]
    public async Task Ping()
    {
        await _server.Dispatcher.DispatchAsync(_session, PingFrame, CancellationToken.None);
        MicroServer.WaitUntilSent(_session);
    }

    /// <summary><c>players.move</c>: parameters read, the rate limit, the world's lock and the grid.</summary>
    [Benchmark]
    public async Task Move()
    {
        await _server.Dispatcher.DispatchAsync(_session, MoveFrames[_moves++ & 1], CancellationToken.None);
        MicroServer.WaitUntilSent(_session);
    }
}
