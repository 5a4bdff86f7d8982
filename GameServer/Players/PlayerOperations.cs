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

    /// <summary>A node that joined late asks the owner to relay every player once; the answer is how many.</summary>
    public const string RelayAll = "players.relay-all";

    /// <summary>Answers the operations on this node while it owns the world; called as the methods are made, before any is asked.</summary>
    public static void AnswerWith(this IAuthority authority, PlayerWorld world)
    {
        authority.Answer(Move, PlayersClusterJson.Default.MoveRequest, GameJsonContext.Default.Position, move => world.Move(move.User, move.Dx, move.Dy));
        authority.Answer(RelayAll, PlayersClusterJson.Default.Int32, PlayersClusterJson.Default.Int32, _ => world.RelayAll());
    }
}

/// <summary>A move forwarded to the world's owner.</summary>
internal sealed record MoveRequest(int User, double Dx, double Dy);

/// <summary>What players send between nodes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<PlayerRecord>))]
[JsonSerializable(typeof(MoveRequest))]
[JsonSerializable(typeof(int))]
internal sealed partial class PlayersClusterJson : JsonSerializerContext;
