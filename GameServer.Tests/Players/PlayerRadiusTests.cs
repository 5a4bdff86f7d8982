using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;

namespace GameServer.Tests.Players;

/// <summary>A radius subscription is bounded by <c>World:MaxRadius</c> and never holds the world up.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class PlayerRadiusTests
{
    [Test]
    public async Task A_radius_of_1e11_is_refused_and_moves_keep_flowing(CancellationToken cancellationToken)
    {
        await using var server = await InProcessServer.StartAsync();
        var (attacker, _) = await server.ConnectAsUserAsync();
        var (player, _) = await server.ConnectAsUserAsync();

        // The old server accepted it and spun for ever holding the world's lock: this call and every move hung.
        var refused = Assert.ThrowsAsync<GameRpcException>(() => attacker.SubscribePlayersAsync(radius: 1e11, cancellationToken));
        var stalled = Assert.ThrowsAsync<GameRpcException>(() => attacker.SubscribePlayersAsync(radius: 5e4, cancellationToken));
        var moved = await player.MoveAsync(0, 0, cancellationToken);
        var attackerMoved = await attacker.MoveAsync(0, 0, cancellationToken);

        Assert.That((refused.Code, refused.Field), Is.EqualTo((ErrorCodes.InvalidParams, "radius")));
        Assert.That((stalled.Code, stalled.Field), Is.EqualTo((ErrorCodes.InvalidParams, "radius")));
        Assert.That(moved, Is.Not.Null);
        Assert.That(attackerMoved, Is.Not.Null);
    }

    [Test]
    public async Task A_radius_of_exactly_MaxRadius_is_accepted_and_sees_the_whole_world(CancellationToken cancellationToken)
    {
        await using var server = await InProcessServer.StartAsync("--World:Width=30", "--World:Height=40", "--World:MaxMovesPerSecond=1000");
        var (corner, cornerAuth) = await server.ConnectAsUserAsync();
        var (opposite, oppositeAuth) = await server.ConnectAsUserAsync();
        await corner.WalkToAsync(0, 0);
        await opposite.WalkToAsync(30, 40);

        // The default is the world's diagonal: 50 here, the farthest two players can be apart.
        var snapshot = await corner.SubscribePlayersAsync(radius: 50, cancellationToken);
        var beyond = Assert.ThrowsAsync<GameRpcException>(() => corner.SubscribePlayersAsync(radius: 50.000001, cancellationToken));

        Assert.That(snapshot.Players.Select(p => p.User), Is.EquivalentTo(new[] { cornerAuth.User.Id, oppositeAuth.User.Id }));
        Assert.That((beyond.Code, beyond.Field), Is.EqualTo((ErrorCodes.InvalidParams, "radius")));
    }

    [Test]
    public async Task A_configured_MaxRadius_is_the_bound(CancellationToken cancellationToken)
    {
        await using var server = await InProcessServer.StartAsync("--World:MaxRadius=1000000");
        var (client, auth) = await server.ConnectAsUserAsync();

        var accepted = await client.SubscribePlayersAsync(radius: 1_000_000, cancellationToken);
        var refused = Assert.ThrowsAsync<GameRpcException>(() => client.SubscribePlayersAsync(radius: 1_000_001, cancellationToken));

        Assert.That(accepted.Players.Select(p => p.User), Is.EqualTo(new[] { auth.User.Id }));
        Assert.That(refused.Field, Is.EqualTo("radius"));
    }
}
