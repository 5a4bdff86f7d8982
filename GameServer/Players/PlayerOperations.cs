using System.Text.Json.Serialization;
using GameServer.Cluster.Authority;
using GameServer.Protocol;

namespace GameServer.Players;

/// <summary>
/// What only the world's owner does to players, as operations of the world's <see cref="IAuthority"/>:
/// answered by <see cref="PlayerWorld"/> on the owner, asked from any node (<see cref="PlayersRpc"/>).
/// </summary>
internal static class PlayerOperations
{
    public const string Move = "players.move";

    /// <summary>Answers the operations on this node while it owns the world; called as the server starts.</summary>
    public static void AnswerWith(this IAuthority authority, PlayerWorld world) =>
        authority.Answer(Move, PlayersClusterJson.Default.MoveRequest, GameJsonContext.Default.Position, move => world.Move(move.User, move.Dx, move.Dy));
}

/// <summary>A move forwarded to the world's owner.</summary>
internal sealed record MoveRequest(int User, double Dx, double Dy);

/// <summary>What players send between nodes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<PlayerRecord>))]
[JsonSerializable(typeof(MoveRequest))]
internal sealed partial class PlayersClusterJson : JsonSerializerContext;
