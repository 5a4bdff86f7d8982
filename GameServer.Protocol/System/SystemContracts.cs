namespace GameServer.Protocol.System;

/// <summary>The answer to <c>system.ping</c>: the server's clock in UTC.</summary>
/// <param name="Time">The server's time when it answered.</param>
public sealed record PingResult(DateTimeOffset Time);

/// <summary>The answer to <c>system.info</c>.</summary>
/// <param name="Name">The product name, <c>GameServer</c>.</param>
/// <param name="Version">The server's version.</param>
/// <param name="UptimeS">Whole seconds since the server started.</param>
/// <param name="Connections">WebSocket connections open now.</param>
/// <param name="MessagesReceived">Frames received on all connections since start; two readings give messages per second.</param>
/// <param name="MessagesSent">Frames sent on all connections since start (answers and notifications).</param>
/// <param name="Jobs">The background jobs, switched on or off, with how their last run went.</param>
/// <param name="NotificationsRefused">Calls sent without <c>id</c> that the server refused since start (a move over the rate limit, say): they get no answer, so they are counted here.</param>
/// <param name="SessionsLoggedIn">Connections with a logged-in user now (a user on two devices counts twice).</param>
/// <param name="Node">In cluster mode, the id of the node that answered; null on a single node.</param>
/// <param name="Nodes">In cluster mode, the live nodes (this one included) as its last heartbeat read them; empty on a single node.</param>
/// <remarks>The figures are those <c>/metrics</c> exports: both read the same instruments.</remarks>
public sealed record ServerInfo(
    string Name,
    string Version,
    long UptimeS,
    int Connections,
    long MessagesReceived,
    long MessagesSent,
    IReadOnlyList<JobInfo> Jobs,
    long NotificationsRefused,
    int SessionsLoggedIn,
    string? Node = null,
    IReadOnlyList<NodeInfo>? Nodes = null);

/// <summary>One live node of a cluster in <c>system.info</c>, from its last heartbeat.</summary>
/// <param name="Id">The node's id (<c>Cluster:NodeId</c>, or host and port).</param>
/// <param name="Connections">WebSocket connections open on it.</param>
/// <param name="SessionsLoggedIn">Those with a logged-in user.</param>
/// <param name="Roles">What it does for the whole cluster now (e.g. <c>world-owner</c>, <c>jobs</c>); sorted.</param>
/// <param name="HeartbeatAt">When it wrote that heartbeat.</param>
public sealed record NodeInfo(string Id, int Connections, int SessionsLoggedIn, IReadOnlyList<string> Roles, DateTimeOffset HeartbeatAt);

/// <summary>One background job in <c>system.info</c>: its schedule and how its last run went.</summary>
/// <param name="Name">The job's name, e.g. <c>gifts</c>.</param>
/// <param name="Enabled">False when switched off in configuration; it then never runs.</param>
/// <param name="IntervalS">Seconds from the end of one run to the start of the next.</param>
/// <param name="LastRun">When the last run started; null before the first.</param>
/// <param name="LastDurationMs">How long the last finished run took, in milliseconds.</param>
/// <param name="LastError">Null when the last finished run succeeded; otherwise the correlation id to look for in the server log.</param>
/// <param name="NextDue">When the next run starts; null while a run is in progress, while the job sleeps with nothing to do, when stopping, or when switched off.</param>
/// <param name="Runs">Runs finished since the server started.</param>
/// <param name="Failures">How many of those failed.</param>
public sealed record JobInfo(
    string Name,
    bool Enabled,
    double IntervalS,
    DateTimeOffset? LastRun,
    double? LastDurationMs,
    string? LastError,
    DateTimeOffset? NextDue,
    long Runs,
    long Failures);
