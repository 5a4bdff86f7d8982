using System.Text.Json;
using System.Text.Json.Serialization;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Analytics;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.Leaderboards;
using GameServer.Protocol.Players;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.System;

namespace GameServer.Protocol;

/// <summary>
/// The one source-generated JSON context of the protocol, with snake_case names as on the wire;
/// used by the server, the .NET client, the bots and the tests alike.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(ServerInfo))]
[JsonSerializable(typeof(ClientUrls))]
[JsonSerializable(typeof(JobInfo))]
[JsonSerializable(typeof(NodeInfo))]
[JsonSerializable(typeof(Credentials))]
[JsonSerializable(typeof(ResumeParams))]
[JsonSerializable(typeof(UserInfo))]
[JsonSerializable(typeof(AuthResult))]
[JsonSerializable(typeof(LogoutResult))]
[JsonSerializable(typeof(SignedOut))]
[JsonSerializable(typeof(UserChanged))]
[JsonSerializable(typeof(IReadOnlyList<UserInfo>))]
[JsonSerializable(typeof(SetAdminParams))]
[JsonSerializable(typeof(SetPasswordParams))]
[JsonSerializable(typeof(FieldError))]
[JsonSerializable(typeof(EmptyParams))]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(IReadOnlyList<Item>))]
[JsonSerializable(typeof(ItemRef))]
[JsonSerializable(typeof(ItemListParams))]
[JsonSerializable(typeof(ItemCountParams))]
[JsonSerializable(typeof(ListTotal))]
[JsonSerializable(typeof(ItemCreate))]
[JsonSerializable(typeof(ItemUpdate))]
[JsonSerializable(typeof(ItemPatch))]
[JsonSerializable(typeof(DeleteResult))]
[JsonSerializable(typeof(InventorySummary))]
[JsonSerializable(typeof(IReadOnlyList<InventorySummary>))]
[JsonSerializable(typeof(InventoryListParams))]
[JsonSerializable(typeof(InventoryCountParams))]
[JsonSerializable(typeof(InventoryRef))]
[JsonSerializable(typeof(InventoryItemParams))]
[JsonSerializable(typeof(InventoryItemsBody))]
[JsonSerializable(typeof(MyInventory))]
[JsonSerializable(typeof(ItemAdded))]
[JsonSerializable(typeof(ItemRemoved))]
[JsonSerializable(typeof(ItemChanged))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(ChatSendParams))]
[JsonSerializable(typeof(ChatHistoryParams))]
[JsonSerializable(typeof(ChatHistory))]
[JsonSerializable(typeof(ChatUnsubscribeResult))]
[JsonSerializable(typeof(Monster))]
[JsonSerializable(typeof(IReadOnlyList<Monster>))]
[JsonSerializable(typeof(MonsterRef))]
[JsonSerializable(typeof(MonsterCreate))]
[JsonSerializable(typeof(MonsterUpdate))]
[JsonSerializable(typeof(MonsterTransitionParams))]
[JsonSerializable(typeof(MonsterList))]
[JsonSerializable(typeof(MonsterSnapshot))]
[JsonSerializable(typeof(MonstersRemoved))]
[JsonSerializable(typeof(MonstersSubscribeParams))]
[JsonSerializable(typeof(MonstersLeftView))]
[JsonSerializable(typeof(MonsterDefeated))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(PlayerInfo))]
[JsonSerializable(typeof(IReadOnlyList<PlayerInfo>))]
[JsonSerializable(typeof(MoveParams))]
[JsonSerializable(typeof(Position))]
[JsonSerializable(typeof(PlayersSubscribeParams))]
[JsonSerializable(typeof(PlayerList))]
[JsonSerializable(typeof(PlayersLeftView))]
[JsonSerializable(typeof(UnsubscribeResult))]
[JsonSerializable(typeof(LeaderboardTopParams))]
[JsonSerializable(typeof(LeaderboardRef))]
[JsonSerializable(typeof(LeaderboardPage))]
[JsonSerializable(typeof(LeaderboardStanding))]
[JsonSerializable(typeof(LeaderboardChanged))]
[JsonSerializable(typeof(AnalyticsSummaryParams))]
[JsonSerializable(typeof(AnalyticsSummary))]
[JsonSerializable(typeof(AnalyticsEventsParams))]
[JsonSerializable(typeof(AnalyticsEventList))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
public sealed partial class GameJsonContext : JsonSerializerContext;

/// <summary>Parameters of a method that takes none.</summary>
public sealed record EmptyParams;
