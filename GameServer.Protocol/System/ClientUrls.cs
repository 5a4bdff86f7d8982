namespace GameServer.Protocol.System;

/// <summary>The answer to <c>GET /cluster/client-urls</c>: where a client of this game may connect.</summary>
/// <param name="Urls">
/// The public WebSocket URLs of the game's nodes (<c>Cluster:ClientUrls</c>), in the configured order; empty
/// when none are configured, and then a client keeps to the node it knows.
/// </param>
public sealed record ClientUrls(IReadOnlyList<string> Urls);
