using GameServer.Protocol;
using GameServer.Protocol.JsonRpc;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameServer.Tests.Realtime;

/// <summary>The transport alone, on real Kestrel, with a method that fails the way a bug would.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class HandlerFailureTests
{
    private const string FailingMethod = "test.fail";

    [Test]
    public async Task A_handler_exception_is_an_internal_error_whose_correlation_id_is_in_the_log()
    {
        var logs = new CollectingLoggerProvider();
        await using var app = await StartTransportAsync(logs);
        await using var socket = await RawSocket.ConnectAsync(WebSocketUri(app));

        var response = await socket.CallAsync($"{{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"{FailingMethod}\"}}");

        JsonAssert.IsError(response, ErrorCodes.InternalError, id: 5);
        var error = response.GetProperty("error");
        var correlationId = error.GetProperty("data").GetProperty("correlation_id").GetString();
        Assert.That(error.ToString(), Does.Not.Contain("InvalidOperationException").And.Not.Contain(" at "), "no stack trace reaches the client");
        Assert.That(logs.Lines, Has.Some.Contains(correlationId).And.Contains("secret detail"), "the log has the details under the same id");
        var next = await socket.CallAsync("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"test.fail\"}");
        Assert.That(next.GetProperty("id").GetInt32(), Is.EqualTo(6), "the connection stays usable");
    }

    private static async Task<WebApplication> StartTransportAsync(CollectingLoggerProvider logs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(logs);
        // The endpoint reads the clock (RefusalReport); Program registers TimeProvider.System, this slim host must too.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRealtime(builder.Configuration, _ => [new FailingMethods()]);
        var app = builder.Build();
        app.UseRealtime();
        app.MapRealtime();
        await app.StartAsync();
        return app;
    }

    private static Uri WebSocketUri(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new UriBuilder(address) { Scheme = "ws", Path = "/ws" }.Uri;
    }

    private sealed class FailingMethods : IRpcMethods
    {
        public void MapTo(RpcMethodTable.Builder methods) =>
            methods.Add<EmptyParams, EmptyParams>(FailingMethod, RpcAccess.Anonymous, GameJsonContext.Default.EmptyParams, GameJsonContext.Default.EmptyParams,
                (_, _, _) => throw new InvalidOperationException("secret detail"));
    }
}
