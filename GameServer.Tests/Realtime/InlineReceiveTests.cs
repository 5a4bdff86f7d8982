using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.Players;
using GameServer.Protocol.System;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Realtime;

/// <summary>
/// A directly upgraded session reads its frames on the socket engine's thread, and runs there only the
/// calls that never block (moves, pings); every other call runs on the thread pool.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class InlineReceiveTests
{
    [Test]
    public async Task Moves_and_pings_run_as_their_frames_arrive_and_other_calls_on_the_thread_pool()
    {
        await using var server = await InProcessServer.StartAsync(LiteDb);
        var (client, _) = await server.ConnectAsUserAsync();
        await using var _ = client;
        await ReachSocketThreadAsync(server, client);

        var before = InlineCalls(server);
        for (var i = 0; i < 5; i++)
        {
            await client.SendMoveAsync(i % 2 == 0 ? 0.1 : -0.1, 0);
        }

        await client.PingAsync();
        var afterMoves = InlineCalls(server);
        for (var i = 0; i < 3; i++)
        {
            await client.CallAsync(Methods.SystemInfo, GameJsonContext.Default.ServerInfo);
            await client.CallAsync(Methods.PlayersList, GameJsonContext.Default.IReadOnlyListPlayerInfo);
        }

        Assert.That(afterMoves - before, Is.EqualTo(6), "five moves and a ping, each where its frame was read");
        Assert.That(InlineCalls(server), Is.EqualTo(afterMoves), "system.info and players.list left the socket thread first");
    }

    [Test]
    public async Task Switched_off_every_call_runs_on_the_thread_pool()
    {
        await using var server = await InProcessServer.StartAsync(LiteDb, "--Realtime:InlineReceive=false");

        Assert.That(await InlineCallsOfMovesAndPingsAsync(server), Is.Zero);
    }

    [Test]
    public async Task On_PostgreSQL_every_call_runs_on_the_thread_pool_whatever_the_setting()
    {
        // Npgsql's synchronous calls wait on the socket engine's thread: nothing may hold it there.
        await using var server = await InProcessServer.StartAsync(
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}", "--Realtime:InlineReceive=true");

        Assert.That(await InlineCallsOfMovesAndPingsAsync(server), Is.Zero);
    }

    private const string LiteDb = "--Storage:Provider=LiteDb";

    private static async Task<long> InlineCallsOfMovesAndPingsAsync(InProcessServer server)
    {
        var (client, _) = await server.ConnectAsUserAsync();
        await using var _ = client;
        for (var i = 0; i < 20; i++)
        {
            await client.SendMoveAsync(i % 2 == 0 ? 0.1 : -0.1, 0);
            await client.PingAsync();
        }

        return InlineCalls(server);
    }

    // The first frames after a call that left the socket thread may already wait in the pipe, and are then
    // read where that call ended; pings bring the session back to the socket thread, where it stays.
    private static async Task ReachSocketThreadAsync(InProcessServer server, GameClient client)
    {
        for (var attempt = 0; attempt < 50 && InlineCalls(server) == 0; attempt++)
        {
            await client.PingAsync();
        }

        Assert.That(InlineCalls(server), Is.Positive, "no call ran on the socket engine's thread");
    }

    private static long InlineCalls(InProcessServer server) => server.Services.GetRequiredService<RealtimeMetrics>().InlineCalls;
}
