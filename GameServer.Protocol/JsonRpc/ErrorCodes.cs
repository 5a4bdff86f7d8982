namespace GameServer.Protocol.JsonRpc;

/// <summary>The JSON-RPC 2.0 error codes GameServer answers with: the specification's and its own.</summary>
public static class ErrorCodes
{
    /// <summary>The frame is not valid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>The JSON is not a valid request object (or the batch is empty).</summary>
    public const int InvalidRequest = -32600;

    /// <summary>No method of that name exists.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>A parameter is missing, of the wrong type or out of range; <c>data.field</c> names it.</summary>
    public const int InvalidParams = -32602;

    /// <summary>The server failed; <c>data.correlation_id</c> finds the failure in the server's log.</summary>
    public const int InternalError = -32603;

    /// <summary>The method needs a logged-in connection, or the credentials were not accepted.</summary>
    public const int Unauthenticated = -32001;

    /// <summary>The user is logged in but may not do this (for example, not an admin).</summary>
    public const int Forbidden = -32003;

    /// <summary>The record named by the request does not exist.</summary>
    public const int NotFound = -32004;

    /// <summary>The request clashes with existing state (for example, a username already taken).</summary>
    public const int Conflict = -32009;

    /// <summary>A state-machine transition is not allowed from the current state or its condition fails.</summary>
    public const int TransitionNotAllowed = -32010;

    /// <summary>Too many requests of this kind; try again later.</summary>
    public const int RateLimited = -32029;

    /// <summary>
    /// In cluster mode, the node that decides for what the request acts on (the world's owner) could not
    /// be reached in time, e.g. while another node takes over from one that died; try again shortly.
    /// </summary>
    public const int OwnerUnavailable = -32050;
}
