using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace GameServer.Realtime;

/// <summary>
/// The socket engine's thread, and how a session's work gets on and off it. On Linux the runtime reads
/// every socket on one event thread and hands each arrival to the thread pool: for a frame of a few dozen
/// bytes, waking a pool thread costs more than the frame's whole work (docs/benchmarks.md). A socket that
/// prefers inline completions is served on the event thread itself, which must then never block or run
/// long: every other socket of the process waits while it does. So a session reads its frames there and
/// runs only the calls marked non-blocking there; everything else leaves first (<see cref="Leave"/>).
/// </summary>
internal static class SocketThread
{
    // Internal to the runtime (the per-socket form of DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS, which
    // would put every socket of the process on the event thread, PostgreSQL's and Redis's too). Where it
    // is missing (Windows, or a runtime that dropped it) a session simply stays on the thread pool.
    private static readonly PropertyInfo? PreferInlineCompletions =
        typeof(Socket).GetProperty("PreferInlineCompletions", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>True on a thread that is not the pool's: the socket engine's, when a frame arrived inline.</summary>
    public static bool IsCurrent => !Thread.CurrentThread.IsThreadPoolThread;

    /// <summary>Has <paramref name="socket"/>'s arrivals run on the event thread, where the runtime can.</summary>
    public static void ServeInline(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (PreferInlineCompletions is not null && OperatingSystem.IsLinux())
        {
            PreferInlineCompletions.SetValue(socket, true);
        }
    }

    /// <summary>Continues on the thread pool; costs nothing when already there.</summary>
    public static LeaveAwaitable Leave() => default;

    public readonly struct LeaveAwaitable : ICriticalNotifyCompletion
    {
        public bool IsCompleted => !IsCurrent;

        public LeaveAwaitable GetAwaiter() => this;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) =>
            ThreadPool.QueueUserWorkItem(static run => run(), continuation, preferLocal: false);

        public void UnsafeOnCompleted(Action continuation) =>
            ThreadPool.UnsafeQueueUserWorkItem(static run => run(), continuation, preferLocal: false);
    }
}
