using System.Net.WebSockets;
using GameServer.Configuration;
using GameServer.Realtime.JsonRpc;
using GameServer.Realtime.Upgrade;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace GameServer.Realtime;

/// <summary>Registers and maps the WebSocket transport.</summary>
public static class RealtimeFeature
{
    /// <summary>The path of the WebSocket endpoint.</summary>
    public const string Path = "/ws";

    /// <summary>
    /// Adds the session registry, the dispatcher and a method table built from <paramref name="features"/>.
    /// <paramref name="inlineReceive"/> false keeps every frame on the thread pool whatever
    /// <c>Realtime:InlineReceive</c> says: for a process whose other code waits on the socket engine's thread.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration, bool inlineReceive, Func<IServiceProvider, IEnumerable<IRpcMethods>> features)
    {
        services.AddValidatedOptions<RealtimeOptions>(configuration, RealtimeOptions.Section);
        services.PostConfigure<RealtimeOptions>(realtime => realtime.InlineReceive &= inlineReceive);

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
        services.AddSingleton<DirectUpgradeRules>();
        services.AddSingleton<KeepAlivePings>();
        // On every endpoint Kestrel listens on; before TLS, where there is TLS, so that the direct upgrade
        // sees only encrypted bytes there and leaves those connections to Kestrel.
        services.AddOptions<KestrelServerOptions>().Configure<IServiceProvider>((kestrel, sp) =>
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => new DirectUpgrade(next, sp).OnConnectedAsync)));
        // A frame read on the socket's thread reaches the session on it too: without this, Kestrel's input
        // pipe would hand it to the thread pool anyway. Other connections' sockets complete on the pool,
        // so for them this only saves the pipe's own hand-off; nothing of theirs runs on the socket thread.
        // Read from the configuration, not the validated options: Kestrel's transport is made before they
        // are validated, and a bad setting elsewhere in the section must fail there, naming its key.
        services.AddOptions<SocketTransportOptions>().Configure(transport =>
            transport.UnsafePreferInlineScheduling = inlineReceive && configuration.GetSection(RealtimeOptions.Section).GetValue(nameof(RealtimeOptions.InlineReceive), true));
        services.AddSingleton(sp => RpcMethodTable.Create(features(sp)));
        return services;
    }

    /// <summary>
    /// Branches <c>/ws</c> off the pipeline here and closes every session with 1001 when the server stops.
    /// Most handshakes never get here: <see cref="DirectUpgrade"/> takes them off the connection first.
    /// The rest (other spellings of the path, TLS, the ones it leaves to be refused) come through
    /// Kestrel's HTTP upgrade. The branch ends the request: a WebSocket logs in inside the connection, so
    /// it skips the static files, routing and the authentication and authorization middlewares, which
    /// would otherwise stay on the stack (their frames, the request's services) for as long as the
    /// connection is open. In the branch: the endpoint is set (routing is skipped, and the server's
    /// metrics read it), then the WebSocket middleware with its keep-alive pings (a peer that does not
    /// answer one within <c>Realtime:KeepAliveTimeout</c> is dropped), then the endpoint, which checks the
    /// origin and takes a place in the limits.
    /// </summary>
    /// <param name="app">The application, after the middlewares every answer needs (client address, security headers).</param>
    public static IApplicationBuilder MapRealtime(this WebApplication app)
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
        var handler = new Lazy<WebSocketEndpoint>(app.Services.GetRequiredService<WebSocketEndpoint>);
        RequestDelegate handle = context => handler.Value.HandleAsync(context);
        var endpoint = new RouteEndpoint(handle, RoutePatternFactory.Parse(Path), 0, EndpointMetadataCollection.Empty, Path);
        // Built with the rest of the pipeline, at start, not here: the WebSocket middleware reads the
        // keep-alive settings when it is made, and a bad one must stop the start naming its key.
        return app.Use(elsewhere =>
        {
            var ws = ((IApplicationBuilder)app).New();
            ws.Use((context, next) =>
            {
                context.SetEndpoint(endpoint);
                return next(context);
            });
            ws.UseWebSockets();
            ws.Run(handle);
            var branch = ws.Build();
            return context => IsRealtimePath(context) ? branch(context) : elsewhere(context);
        });
    }

    /// <summary><c>/ws</c> as routing matched it: any case, with or without a trailing slash.</summary>
    internal static bool IsRealtimePath(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase, out var rest) && (!rest.HasValue || rest.Value == "/");
}
