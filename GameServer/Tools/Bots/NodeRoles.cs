using System.Net.WebSockets;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.System;

namespace GameServer.Tools.Bots;

/// <summary>
/// Asks each node, after a run, who it is in the cluster and what it does (<c>system.info</c>: its id
/// and its heartbeat's roles, <c>world:default</c> for the world's owner), so that each node's CPU is
/// read next to its role. <c>system.info</c> needs a user: the run's first bot, logged in once and
/// resumed with its token on the other nodes (no second password hash).
/// </summary>
internal static class NodeRoles
{
    private static readonly TimeSpan PerNode = TimeSpan.FromSeconds(10);

    /// <summary><paramref name="nodes"/> with what each said; a node that does not answer (killed in the run, say) keeps no id.</summary>
    public static async Task<IReadOnlyList<NodeFigures>> AddAsync(IReadOnlyList<NodeFigures> nodes, BotsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(options);
        string? token = null;
        var answered = new List<NodeFigures>();
        foreach (var node in nodes)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(PerNode);
            try
            {
                await using var client = await GameClient.ConnectAsync(node.Url, bounded.Token);
                if (token is null)
                {
                    token = (await client.LoginAsync(options.Username(options.FirstBot), Bot.Password, bounded.Token)).Token;
                }
                else
                {
                    await client.ResumeAsync(token, bounded.Token);
                }

                var info = await client.InfoAsync(bounded.Token);
                var self = info.Nodes?.FirstOrDefault(n => n.Id == info.Node);
                answered.Add(node with { Id = info.Node, Roles = self?.Roles ?? [] });
            }
            catch (Exception e) when (e is WebSocketException or GameRpcException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Left without an id: the table says "?".
                answered.Add(node);
            }
        }

        return answered;
    }
}
