using GameServer.Limits;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameServer.Tests.Support;

/// <summary>
/// The realtime transport alone, on real Kestrel at a free loopback port, with only the methods a test
/// maps: for behaviour no real method shows (a handler that throws, one that never answers).
/// </summary>
public sealed class TransportServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TransportServer(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        WebSocketUri = new UriBuilder(address) { Scheme = "ws", Path = "/ws" }.Uri;
    }

    public Uri WebSocketUri { get; }

    /// <summary>Starts the transport with <paramref name="methods"/>; its log goes to <paramref name="logs"/> alone when given.</summary>
    public static async Task<TransportServer> StartAsync(CollectingLoggerProvider? logs, params IRpcMethods[] methods)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (logs is not null)
        {
            builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        }

        // The endpoint reads the clock (RefusalReport); Program registers TimeProvider.System, this slim host must too.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLimits(builder.Configuration).AddConnectionLimits();
        builder.Services.AddRealtime(builder.Configuration, inlineReceive: true, _ => methods);
        var app = builder.Build();
        app.MapRealtime();
        await app.StartAsync(TestContext.CurrentContext.CancellationToken);
        return new TransportServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
