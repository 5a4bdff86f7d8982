using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Leaderboards;
using GameServer.Realtime.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Leaderboards;

/// <summary>No client can submit or raise a score: no method does, whatever it is called or passed.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class NoClientScoreTests
{
    private static readonly string[] ReadOnlyMethods = ["leaderboard.me", "leaderboard.subscribe", "leaderboard.top", "leaderboard.unsubscribe"];

    private InProcessServer _server = null!;

    [SetUp]
    public async Task Start() => _server = await InProcessServer.StartAsync();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public void The_only_leaderboard_methods_read()
    {
        var names = _server.Services.GetRequiredService<RpcMethodTable>().Names;

        Assert.That(names.Where(n => n.Contains("leaderboard", StringComparison.OrdinalIgnoreCase) || n.Contains("score", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal),
            Is.EqualTo(ReadOnlyMethods));
    }

    [TestCase("leaderboard.submit")]
    [TestCase("leaderboard.set")]
    [TestCase("leaderboard.add")]
    [TestCase("leaderboard.update")]
    [TestCase("leaderboard.increment")]
    [TestCase("leaderboard.report")]
    [TestCase("leaderboard.score")]
    [TestCase("leaderboards.submit")]
    [TestCase("scores.submit")]
    [TestCase("score.set")]
    [TestCase("players.add_defeat")]
    public async Task An_obvious_way_to_submit_a_score_is_no_method(string method)
    {
        var (player, auth) = await _server.ConnectAsUserAsync();
        await using var socket = await RawSocket.ConnectAsync(_server.WebSocketUri);
        await socket.CallAsync($$"""{"jsonrpc":"2.0","id":0,"method":"auth.resume","params":{"token":"{{auth.Token}}"} }""");

        var answer = await socket.CallAsync($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{"board":"monsters_defeated","user":{{auth.User.Id}},"score":1000000} }""");

        JsonAssert.IsError(answer, ErrorCodes.MethodNotFound, id: 1);
        await AssertNoScoreAsync(player);
    }

    [Test]
    public async Task A_score_passed_to_the_read_methods_is_refused_or_ignored()
    {
        var (player, auth) = await _server.ConnectAsUserAsync();
        await using var socket = await RawSocket.ConnectAsync(_server.WebSocketUri);
        await socket.CallAsync($$"""{"jsonrpc":"2.0","id":0,"method":"auth.resume","params":{"token":"{{auth.Token}}"} }""");

        foreach (var method in ReadOnlyMethods)
        {
            await socket.CallAsync($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{"board":"monsters_defeated","score":1000000,"points":1000000,"rank":1} }""");
        }

        await AssertNoScoreAsync(player);
    }

    [Test]
    public async Task An_unknown_board_or_period_on_the_wire_is_32602_naming_the_field()
    {
        var (player, _) = await _server.ConnectAsUserAsync();

        var board = Assert.ThrowsAsync<GameRpcException>(() => player.LeaderboardTopAsync("kills"))!;
        var period = Assert.ThrowsAsync<GameRpcException>(() => player.LeaderboardMeAsync(LeaderboardBoards.GiftsReceived, "month"))!;
        var subscribe = Assert.ThrowsAsync<GameRpcException>(() => player.SubscribeLeaderboardAsync(LeaderboardBoards.GiftsReceived, "yesterday"))!;

        Assert.That((board.Code, board.Field), Is.EqualTo((ErrorCodes.InvalidParams, "board")));
        Assert.That((period.Code, period.Field), Is.EqualTo((ErrorCodes.InvalidParams, "period")));
        Assert.That((subscribe.Code, subscribe.Field), Is.EqualTo((ErrorCodes.InvalidParams, "period")));
    }

    [Test]
    public async Task The_boards_need_a_login()
    {
        var anonymous = await _server.ConnectAsync();

        var refused = Assert.ThrowsAsync<GameRpcException>(() => anonymous.LeaderboardTopAsync(LeaderboardBoards.MonstersDefeated))!;

        Assert.That(refused.Code, Is.EqualTo(ErrorCodes.Unauthenticated));
    }

    private static async Task AssertNoScoreAsync(GameClient player)
    {
        foreach (var board in LeaderboardBoards.All.Except([LeaderboardBoards.DistanceWalked]))
        {
            var me = await player.LeaderboardMeAsync(board);
            Assert.That((me.Rank, me.Score, me.Total), Is.EqualTo(((int?)null, 0.0, 0)), board);
        }
    }
}
