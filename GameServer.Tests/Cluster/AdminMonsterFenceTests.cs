using GameServer.Cluster.Authority;
using GameServer.Monsters;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Client;
using GameServer.Protocol.Monsters;
using GameServer.Storage.Postgres;
using GameServer.World;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Cluster;

/// <summary>
/// An admin's monster writes go to the store at once, not through the save loop; they are fenced as the
/// loop's writes are, so an owner that a later owner has overtaken (it was paused past its lease)
/// writes nothing and its caller hears -32050.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class AdminMonsterFenceTests
{
    [Test]
    public async Task An_owner_overtaken_by_a_later_owner_writes_no_admin_change_and_answers_owner_unavailable()
    {
        await using var cluster = await ClusterNodes.StartAsync(1);
        var node = cluster[0];
        var authority = node.Services.GetRequiredService<IAuthority>();
        while (!authority.IsHere)
        {
            await cluster.AdvanceAsync(TimeSpan.FromMilliseconds(500));
        }

        var (admin, _) = await node.ConnectAsAdminAsync();
        var kept = await admin.CreateMonsterAsync(1, 1, healthPoints: 10);
        var store = node.Services.GetRequiredService<IMonsterStore>();
        var before = store.All().Count;

        // What a successor's first fenced write leaves: a greater token than this node's.
        new PostgresFence(node.Services.GetRequiredService<PostgresDatabase>()).Write(WorldFeature.AuthorityName, long.MaxValue, () => { });

        var created = Assert.ThrowsAsync<GameRpcException>(() => admin.CreateMonsterAsync(2, 2, healthPoints: 10));
        var updated = Assert.ThrowsAsync<GameRpcException>(() => admin.UpdateMonsterAsync(kept.Id, healthPoints: 3));
        var deleted = Assert.ThrowsAsync<GameRpcException>(() => admin.DeleteMonsterAsync(kept.Id));

        Assert.That(new[] { created.Code, updated.Code, deleted.Code }, Is.All.EqualTo(ErrorCodes.OwnerUnavailable));
        Assert.That((store.All().Count, store.Find(kept.Id)?.HealthPoints), Is.EqualTo((before, 10)), "nothing written under the old token");
    }
}
