using GameServer.Leaderboards;
using GameServer.Players;
using GameServer.Protocol.Leaderboards;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Leaderboards;

/// <summary>Schema version 10 on a file from before the leaderboards: the defeats players already had rank them.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class LeaderboardMigrationTests
{
    [Test]
    public async Task An_upgraded_server_ranks_the_defeats_players_already_had_all_time_only()
    {
        // A LiteDB file's schema history: PostgreSQL has its own.
        var server = await InProcessServer.StartAsync(InProcessServer.OnLiteDb);
        try
        {
            var (_, first) = await server.ConnectAsUserAsync();
            var (_, second) = await server.ConnectAsUserAsync();
            var (_, third) = await server.ConnectAsUserAsync();
            var players = server.Services.GetRequiredService<IPlayerStore>();

            // As a file written before the leaderboards: defeats on the players, no scores, an older schema.
            var stored = new[] { (first, 2), (second, 5), (third, 2) }.Select(p =>
            {
                var record = players.FindByUser(p.Item1.User.Id)!;
                record.MonstersDefeated = p.Item2;
                return record;
            }).ToList();
            players.SavePositions(stored);
            server.Services.GetRequiredService<GameDatabase>().SchemaVersion = new LeaderboardMigration().Version - 1;

            server = await server.RestartAsync();

            var (reader, _) = await server.ConnectAsUserAsync();
            var all = await reader.LeaderboardTopAsync(LeaderboardBoards.MonstersDefeated);
            Assert.That(all.Entries.Select(e => (e.User, e.Score)), Is.EqualTo(new[] { (second.User.Id, 5.0), (first.User.Id, 2.0), (third.User.Id, 2.0) }),
                "equal counts by player id: who reached them first is not known");
            Assert.That((await reader.LeaderboardTopAsync(LeaderboardBoards.MonstersDefeated, LeaderboardPeriods.Week)).Total, Is.Zero, "not this week's");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
