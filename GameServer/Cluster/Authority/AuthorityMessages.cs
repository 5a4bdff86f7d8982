using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GameServer.Cluster.Authority;

/// <summary>An operation forwarded to the authority's node.</summary>
/// <param name="ReplyTo">The Redis channel of the asking node's answers.</param>
/// <param name="Id">The correlation id, unique on the asking node.</param>
/// <param name="Operation">The operation's name, e.g. <c>players.move</c>.</param>
/// <param name="Body">The request, as the operation's JSON.</param>
internal sealed record AuthorityRequest(string ReplyTo, long Id, string Operation, JsonElement Body);

/// <summary>The authority's answer: a result, or the error its handler threw.</summary>
internal sealed record AuthorityReply(long Id, JsonElement? Result, int? ErrorCode = null, string? ErrorMessage = null, JsonObject? ErrorData = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthorityRequest))]
[JsonSerializable(typeof(AuthorityReply))]
internal sealed partial class AuthorityJsonContext : JsonSerializerContext;
