using System.Buffers;
using System.CommandLine;
using System.Net.WebSockets;
using GameServer.CommandLine;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// <c>GameServer echo --urls http://127.0.0.1:PORT</c>: the yardstick of the ping benchmark, a bare Kestrel
/// WebSocket server that sends every frame back as it came. What GameServer costs above it is ours.
/// </summary>
public static class EchoServer
{
    public const string Name = "echo";

    private const int BufferSize = 4096;

    /// <summary>The hidden command <c>echo</c>, which takes the host's configuration keys (<c>--urls</c>).</summary>
    public static Command CreateCommand()
    {
        var command = new Command(Name, "Internal: the yardstick of bench ping (a bare Kestrel WebSocket echo), which bench starts as a child process.").TakingConfiguration();
        command.SetAction((parseResult, _) => RunAsync(ConfigurationArguments.Of(parseResult)));
        return command;
    }

    /// <summary>Runs the echo server until it is stopped.</summary>
    private static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // GameServer runs at Warning in the benchmark; the yardstick must not pay for logging it does not do either.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/healthz", () => "Healthy");
        app.Map("/ws", EchoAsync);
        await app.RunAsync();
        return 0;
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // Each fragment goes straight back with its own end-of-message flag, so no size limit is needed.
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", context.RequestAborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away; nothing to clean up but the buffer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
