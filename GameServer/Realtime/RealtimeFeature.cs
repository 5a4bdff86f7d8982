using System.Net.WebSockets;
using GameServer.Configuration;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Realtime;

/// <summary>Registers and maps the WebSocket transport.</summary>
public static class RealtimeFeature
{
    /// <summary>Adds the session registry, the dispatcher and a method table built from <paramref name="features"/>.</summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, IEnumerable<IRpcMethods>> features)
    {
        services.AddValidatedOptions<RealtimeOptions>(configuration, RealtimeOptions.Section);
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<JsonRpcDispatcher>();
        services.AddSingleton<WebSocketEndpoint>();
        services.AddSingleton(sp => RpcMethodTable.Create(features(sp)));
        return services;
    }

    /// <summary>Maps <c>/ws</c> and closes every session with 1001 when the server stops.</summary>
    public static WebApplication MapRealtime(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() ?? new RealtimeOptions();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.KeepAliveInterval });
        var endpoint = app.Services.GetRequiredService<WebSocketEndpoint>();
        app.Map("/ws", endpoint.HandleAsync);

        // Kestrel waits for open requests on shutdown, and a WebSocket is one: close them first.
        var sessions = app.Services.GetRequiredService<SessionRegistry>();
        app.Lifetime.ApplicationStopping.Register(() =>
            sessions.CloseAllAsync(WebSocketCloseStatus.EndpointUnavailable, "server shutting down", options.CloseTimeout).GetAwaiter().GetResult());
        return app;
    }
}
