using System.Text.Json.Serialization;

namespace GameServer.Cluster;

/// <summary>A node's heartbeat as stored in Redis: its figures and roles, and which write of its presence set is current.</summary>
/// <param name="Id">The node's id.</param>
/// <param name="Connections">WebSocket connections open on it.</param>
/// <param name="SessionsLoggedIn">Those with a logged-in user.</param>
/// <param name="Roles">The roles it holds.</param>
/// <param name="At">When it wrote this heartbeat.</param>
/// <param name="PresenceEpoch">Changes each time the node rewrites its presence set whole, so the others read it again.</param>
public sealed record NodeStatus(string Id, int Connections, int SessionsLoggedIn, IReadOnlyList<string> Roles, DateTimeOffset At, string PresenceEpoch);

/// <summary>A user came into or left the world on a node.</summary>
internal sealed record PresenceChange(string Node, int User, bool Online);

/// <summary>The cluster's own messages and records, in Redis and on the bus.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(PresenceChange))]
[JsonSerializable(typeof(string))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
