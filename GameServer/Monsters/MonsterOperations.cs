using System.Text.Json.Serialization;
using GameServer.Cluster.Authority;
using GameServer.Protocol;
using GameServer.Protocol.Inventory;

namespace GameServer.Monsters;

/// <summary>
/// What only the world's owner does to monsters (a strike; an admin's create, update, transition or
/// delete), as operations of the world's <see cref="IAuthority"/>: answered by <see cref="MonsterService"/>
/// on the owner, whose memory ticks and saves them, asked from any node (<see cref="MonstersRpc"/>).
/// </summary>
internal static class MonsterOperations
{
    public const string Hit = "monsters.hit";
    public const string Create = "monsters.create";
    public const string Update = "monsters.update";
    public const string Transition = "monsters.transition";
    public const string Delete = "monsters.delete";

    /// <summary>A node that joined late asks the owner to relay every monster once; the answer is how many.</summary>
    public const string RelayAll = "monsters.relay-all";

    /// <summary>Answers the operations on this node while it owns the world; called as the methods are made, before any is asked.</summary>
    public static void AnswerWith(this IAuthority authority, MonsterService monsters, MonsterWorld world)
    {
        authority.Answer(RelayAll, MonstersClusterJson.Default.Int32, MonstersClusterJson.Default.Int32, _ => world.RelayAll());
        var json = GameJsonContext.Default;
        authority.Answer(Hit, MonstersClusterJson.Default.HitRequest, json.Monster, hit => monsters.Hit(hit.User, hit.Monster));
        authority.Answer(Create, json.MonsterCreate, json.Monster, p => monsters.Create(p.PositionX, p.PositionY, p.HealthPoints));
        authority.Answer(Update, json.MonsterUpdate, json.Monster, p => monsters.Update(p.Id, p.HealthPoints, p.PositionX, p.PositionY));
        authority.Answer(Transition, json.MonsterTransitionParams, json.Monster, p => monsters.Transition(p.Id, MonsterNames.ParseTransition(p.Transition), p.User));
        authority.Answer(Delete, json.MonsterRef, json.DeleteResult, p =>
        {
            monsters.Delete(p.Id);
            return new DeleteResult(true);
        });
    }
}

/// <summary>A strike forwarded to the world's owner.</summary>
internal sealed record HitRequest(int User, int Monster);

/// <summary>What monsters send between nodes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MonsterChanges))]
[JsonSerializable(typeof(HitRequest))]
[JsonSerializable(typeof(int))]
internal sealed partial class MonstersClusterJson : JsonSerializerContext;
