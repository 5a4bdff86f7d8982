using System.CommandLine;
using GameServer.Tools.Benchmarks;
using GameServer.Tools.Bots;

namespace GameServer.Tools;

/// <summary>
/// The tools (bots, benchmarks and the child processes they start) as commands of the executable,
/// registered by one call so that the server itself never references them (ToolsFenceTests checks it).
/// </summary>
public static class ToolCommands
{
    /// <summary>Adds <c>bots</c>, <c>bench</c> and the child-process commands (echo, gift-bench-server) to <paramref name="root"/>.</summary>
    public static RootCommand AddTools(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Add(BenchCommand.Create());
        root.Add(BotsCommand.Create());
        root.Add(EchoServer.CreateCommand());
        root.Add(GiftBenchmarkServer.CreateCommand());
        return root;
    }
}
