using System.Reflection;
using GameServer.Cluster;
using GameServer.Jobs;
using GameServer.Protocol;
using GameServer.Protocol.System;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;

namespace GameServer.ServerStatus;

/// <summary>The <c>system.*</c> methods: a clock anyone may ping, and the server's vital signs for logged-in users (they name its jobs and load).</summary>
public sealed class SystemRpc(SessionRegistry sessions, JobScheduler jobs, LocalNode node, ClusterNodes nodes, TimeProvider time) : IRpcMethods
{
    private static readonly string Version =
        typeof(SystemRpc).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly long _startedAt = time.GetTimestamp();

    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.SystemPing, RpcAccess.Anonymous, json.EmptyParams, json.PingResult,
                (_, _, _) => ValueTask.FromResult(new PingResult(time.GetUtcNow())), nonBlocking: true)
            .Add(Methods.SystemInfo, RpcAccess.User, json.EmptyParams, json.ServerInfo,
                (_, _, _) => ValueTask.FromResult(new ServerInfo(
                    "GameServer",
                    Version,
                    (long)time.GetElapsedTime(_startedAt).TotalSeconds,
                    sessions.Metrics.Connections,
                    sessions.Metrics.MessagesReceived,
                    sessions.Metrics.MessagesSent,
                    [.. jobs.Statuses.Select(ToInfo)],
                    sessions.Metrics.NotificationsRefused,
                    sessions.Metrics.SessionsLoggedIn,
                    nodes.Live.Count == 0 ? null : node.Id,
                    [.. nodes.Live.Select(n => n.Id == node.Id ? Fresh(n) : n).Select(ToInfo)])));
    }

    // This node's own figures are read now, not from its last heartbeat.
    private NodeStatus Fresh(NodeStatus self) =>
        self with { Connections = sessions.Metrics.Connections, SessionsLoggedIn = sessions.Metrics.SessionsLoggedIn, Roles = node.Roles };

    private static NodeInfo ToInfo(NodeStatus n) => new(n.Id, n.Connections, n.SessionsLoggedIn, n.Roles, n.At);

    private static JobInfo ToInfo(JobStatus s) =>
        new(s.Name, s.Enabled, s.Interval.TotalSeconds, s.LastRun, s.LastDuration?.TotalMilliseconds, s.LastError, s.NextDue, s.Runs, s.Failures);
}
