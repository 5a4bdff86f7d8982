namespace GameServer.Protocol.Client;

/// <summary>Settings of one <see cref="GameClient"/> connection.</summary>
public sealed record GameClientOptions
{
    /// <summary>
    /// Cancels every call and notification wait of the connection, in addition to each call's own
    /// token: a reply that never comes then ends when this token does instead of never. A test hands
    /// in its own cancellation token (NUnit's <c>[CancelAfter]</c>), a bot its run's deadline.
    /// </summary>
    public CancellationToken CallCancellation { get; init; }
}
