namespace GameServer.Protocol.JsonRpc;

/// <summary>The <c>error.data</c> of an invalid-params error: which field, and what is wrong with it.</summary>
/// <param name="Field">The parameter's name as sent on the wire, for example <c>weight</c>.</param>
/// <param name="Reason">What the value must be, for example <c>must be &gt;= 0</c>.</param>
public sealed record FieldError(string Field, string Reason);
