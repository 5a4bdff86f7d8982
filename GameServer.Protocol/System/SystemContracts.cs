namespace GameServer.Protocol.System;

/// <summary>The answer to <c>system.ping</c>: the server's clock in UTC.</summary>
/// <param name="Time">The server's time when it answered.</param>
public sealed record PingResult(DateTimeOffset Time);

/// <summary>The answer to <c>system.info</c>.</summary>
/// <param name="Name">The product name, <c>GameServer</c>.</param>
/// <param name="Version">The server's version.</param>
/// <param name="UptimeS">Whole seconds since the server started.</param>
/// <param name="Connections">WebSocket connections open now.</param>
public sealed record ServerInfo(string Name, string Version, long UptimeS, int Connections);
