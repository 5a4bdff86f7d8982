using GameServer.Protocol.Client;
using GameServer.Protocol.System;
using GameServer.Tests.Support;
using GameServer.World;

namespace GameServer.Tests.Cluster;

/// <summary>Which node of a <see cref="TestCluster"/> owns the world, as the nodes' heartbeats say (the role <c>world:default</c>).</summary>
internal static class WorldOwners
{
    /// <summary>
    /// The index of the node owning the world, once exactly one node among <paramref name="alive"/> lists
    /// the role; it is published with each heartbeat, so this asks again once per heartbeat, bounded by <paramref name="timeout"/>.
    /// </summary>
    public static async Task<int> OwnerAsync(GameClient client, IReadOnlyList<int> alive, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var info = await client.InfoAsync();
            var owners = (info.Nodes ?? []).Where(n => n.Roles.Contains(WorldFeature.AuthorityName) && alive.Any(i => n.Id == $"node-{i}")).ToList();
            if (owners.Count == 1)
            {
                return int.Parse(owners[0].Id["node-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no single owner of the world among the live nodes: {string.Join(", ", (info.Nodes ?? []).Select(Describe))}");
            }

            await Task.Delay(TestCluster.HeartbeatInterval);
        }
    }

    /// <summary>A step from <paramref name="at"/> towards the middle of the default 100 × 100 world: never clamped by its edge.</summary>
    public static (double Dx, double Dy) InwardStep(Protocol.Players.Position at) => (at.PositionX < 50 ? 1 : -1, at.PositionY < 50 ? 1 : -1);

    private static string Describe(NodeInfo node) => $"{node.Id} [{string.Join(' ', node.Roles)}]";
}
