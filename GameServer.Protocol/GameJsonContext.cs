using System.Text.Json;
using System.Text.Json.Serialization;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.JsonRpc;
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
[JsonSerializable(typeof(JobInfo))]
[JsonSerializable(typeof(Credentials))]
[JsonSerializable(typeof(ResumeParams))]
[JsonSerializable(typeof(UserInfo))]
[JsonSerializable(typeof(AuthResult))]
[JsonSerializable(typeof(LogoutResult))]
[JsonSerializable(typeof(FieldError))]
[JsonSerializable(typeof(EmptyParams))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class GameJsonContext : JsonSerializerContext;

/// <summary>Parameters of a method that takes none.</summary>
public sealed record EmptyParams;
