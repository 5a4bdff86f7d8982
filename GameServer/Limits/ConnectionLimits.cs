using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace GameServer.Limits;

/// <summary>
/// Bounds what connections may cost, with the framework's own limits: Kestrel's connection and
/// request-body limits, and concurrency limiters on open WebSockets (<see cref="WebSocketLeases"/>).
/// <list type="bullet">
/// <item>every WebSocket in total: <c>Limits:MaxConnections</c> (lowered to fit the open-file limit); beyond, 503;</item>
/// <item>WebSockets per client address: <c>Limits:ConnectionsPerIp</c>; beyond, 429 (loopback exempt unless <c>Limits:ExemptLoopback=false</c>);</item>
/// <item>HTTP request bodies: <see cref="MaxRequestBodyBytes"/>, chunked or not; beyond, 413.</item>
/// </list>
/// The client address is the one after forwarded-headers handling (<c>X-Forwarded-For</c> from a proxy on loopback).
/// </summary>
public static partial class ConnectionLimits
{
    /// <summary>Largest HTTP request body, enforced by Kestrel while reading, whatever Content-Length says.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Registers the Kestrel limits, forwarded headers, the WebSocket leases and the login deadline.</summary>
    public static IServiceCollection AddConnectionLimits(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxConnections;
            var budget = ConnectionBudget.Compute(configured, ConnectionBudget.ReadOpenFileLimit());
            if (budget.Lowered)
            {
                LogLowered(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectionLimits).FullName!), configured, budget.WebSockets, budget.OpenFileLimit ?? 0);
            }

            return budget;
        });

        services.AddOptions<KestrelServerOptions>().Configure<ConnectionBudget>((kestrel, budget) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = budget.HttpConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = budget.WebSockets + ConnectionBudget.UpgradeSlack;
        });

        // The defaults trust X-Forwarded-* only from a proxy on loopback.
        services.Configure<ForwardedHeadersOptions>(forwarded =>
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        // A hosted service so it exists, watching the sessions, before the server accepts the first one.
        services.AddSingleton<LoginDeadline>();
        services.AddHostedService(sp => sp.GetRequiredService<LoginDeadline>());
        services.AddSingleton<WebSocketLeases>();
        return services;
    }

    /// <summary>
    /// Adds the forwarded-headers middleware, so the limits see the client's address, not the proxy's.
    /// Call first.
    /// </summary>
    public static IApplicationBuilder UseClientAddress(this IApplicationBuilder app) => app.UseForwardedHeaders();

    [LoggerMessage(LogLevel.Warning, "Limits:MaxConnections {Configured} lowered to {Effective}: the process may open only {OpenFileLimit} files (ulimit -n) and keeps some for plain HTTP and the database; raise ulimit -n or lower Limits:MaxConnections")]
    private static partial void LogLowered(ILogger logger, int configured, int effective, long openFileLimit);
}
