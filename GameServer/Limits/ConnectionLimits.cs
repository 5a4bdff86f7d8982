using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace GameServer.Limits;

/// <summary>
/// Bounds what connections may cost, with the framework's own limits: Kestrel's connection and
/// request-body limits, and the rate-limiting middleware's concurrency limiters on WebSocket
/// handshakes, whose leases last as long as the request, so "concurrent" means "open".
/// <list type="bullet">
/// <item>every WebSocket in total: <c>Limits:MaxConnections</c> (lowered to fit the open-file limit); beyond, 503;</item>
/// <item>WebSockets per client address: <c>Limits:ConnectionsPerIp</c>; beyond, 429 (loopback exempt unless <c>Limits:ExemptLoopback=false</c>);</item>
/// <item>HTTP request bodies: <see cref="MaxRequestBodyBytes"/>, chunked or not; beyond, 413.</item>
/// </list>
/// The client address is the one after forwarded-headers handling (<c>X-Forwarded-For</c> from a proxy on loopback).
/// </summary>
public static partial class ConnectionLimits
{
    /// <summary>The endpoint policy that limits WebSockets per client address.</summary>
    public const string PerAddressPolicy = "websockets-per-address";

    /// <summary>Largest HTTP request body, enforced by Kestrel while reading, whatever Content-Length says.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Registers the Kestrel limits, forwarded headers, the connection limiters and the login deadline.</summary>
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
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ConnectionBudget, IOptions<LimitsOptions>, ILoggerFactory, TimeProvider>((limiter, budget, limits, loggers, time) =>
        {
            var logger = loggers.CreateLogger(typeof(ConnectionLimits).FullName!);
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, bool>(context =>
                context.WebSockets.IsWebSocketRequest
                    ? RateLimitPartition.GetConcurrencyLimiter(true, _ => new ConcurrencyLimiterOptions { PermitLimit = budget.WebSockets, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(false));
            var serverFull = new RefusalReport(time);
            limiter.OnRejected = (rejected, _) =>
            {
                if (serverFull.Count(out var refused))
                {
                    LogServerFull(logger, rejected.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?", budget.WebSockets, refused);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(PerAddressPolicy, new PerAddressConnectionPolicy(limits.Value, logger, new RefusalReport(time)));
        });
        return services;
    }

    /// <summary>
    /// Adds the forwarded-headers middleware, so the limits see the client's address, not the proxy's.
    /// Call first.
    /// </summary>
    public static IApplicationBuilder UseClientAddress(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>The endpoint metadata that applies the per-address WebSocket limit (the global one applies to every handshake).</summary>
    public static object PerAddress { get; } = new EnableRateLimitingAttribute(PerAddressPolicy);

    /// <summary>
    /// Adds the rate-limiting middleware to a branch that serves WebSockets: its leases last as long as
    /// the request, that is the connection. Call after the WebSocket middleware, which marks handshakes.
    /// </summary>
    public static IApplicationBuilder UseConnectionLimits(this IApplicationBuilder branch) => branch.UseRateLimiter();

    [LoggerMessage(LogLevel.Warning, "Limits:MaxConnections {Configured} lowered to {Effective}: the process may open only {OpenFileLimit} files (ulimit -n) and keeps some for plain HTTP and the database; raise ulimit -n or lower Limits:MaxConnections")]
    private static partial void LogLowered(ILogger logger, int configured, int effective, long openFileLimit);

    [LoggerMessage(LogLevel.Warning, "WebSocket handshake from {ClientAddress} refused with 503: {MaxConnections} connections are open (Limits:MaxConnections); {Refused} refused since the last such line")]
    private static partial void LogServerFull(ILogger logger, string clientAddress, int maxConnections, long refused);
}
