using System.Net.WebSockets;
using GameServer.Configuration;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Realtime;

/// <summary>Registers and maps the WebSocket transport.</summary>
public static class RealtimeFeature
{
    /// <summary>The path of the WebSocket endpoint.</summary>
    public const string Path = "/ws";

    /// <summary>Adds the session registry, the dispatcher and a method table built from <paramref name="features"/>.</summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, IEnumerable<IRpcMethods>> features)
    {
        services.AddValidatedOptions<RealtimeOptions>(configuration, RealtimeOptions.Section);

        // Read when the pipeline is built, after the settings are validated.
        services.AddOptions<WebSocketOptions>().Configure<IOptions<RealtimeOptions>>((webSockets, realtime) =>
        {
            webSockets.KeepAliveInterval = realtime.Value.KeepAliveInterval;
            webSockets.KeepAliveTimeout = realtime.Value.KeepAliveTimeout;
        });
        services.AddMetrics();
        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<PatchMetrics>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<JsonRpcDispatcher>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<WebSocketEndpoint>();
        services.AddSingleton(sp => RpcMethodTable.Create(features(sp)));
        return services;
    }

    /// <summary>
    /// Adds the WebSocket middleware, with its keep-alive pings: a peer that does not answer one within
    /// <c>Realtime:KeepAliveTimeout</c> is dropped. Call before the connection limits, which look for handshakes.
    /// </summary>
    public static IApplicationBuilder UseRealtime(this IApplicationBuilder app) => app.UseWebSockets();

    /// <summary>Maps <c>/ws</c> and closes every session with 1001 when the server stops.</summary>
    public static IEndpointConventionBuilder MapRealtime(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Kestrel waits for open requests on shutdown, and a WebSocket is one: close them first.
        var sessions = app.Services.GetRequiredService<SessionRegistry>();
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            var closeTimeout = app.Services.GetRequiredService<IOptions<RealtimeOptions>>().Value.CloseTimeout;
            sessions.CloseAllAsync(WebSocketCloseStatus.EndpointUnavailable, "server shutting down", closeTimeout).GetAwaiter().GetResult();
        });
        // Resolved at the first request, so that building the app reads no setting before they are
        // validated at start; from the root services, so a connection holds no request scope.
        var endpoint = new Lazy<WebSocketEndpoint>(app.Services.GetRequiredService<WebSocketEndpoint>);
        return app.Map(Path, context => endpoint.Value.HandleAsync(context));
    }
}
