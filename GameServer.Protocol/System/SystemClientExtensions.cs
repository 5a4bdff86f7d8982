using GameServer.Protocol.Client;

namespace GameServer.Protocol.System;

/// <summary>Typed calls of the <c>system.*</c> methods.</summary>
public static class SystemClientExtensions
{
    /// <summary>Asks the server for its clock; a round trip that needs no login.</summary>
    public static Task<PingResult> PingAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.SystemPing, GameJsonContext.Default.PingResult, cancellationToken);

    /// <summary>Asks the server for its name, version, uptime, connection count and background jobs.</summary>
    public static Task<ServerInfo> InfoAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.SystemInfo, GameJsonContext.Default.ServerInfo, cancellationToken);
}
