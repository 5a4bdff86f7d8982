using System.Runtime.InteropServices;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// Runs a measuring command so that Ctrl+C or a kill cancels it rather than ending the process: the
/// finally blocks that stop its child servers, close its connections and delete its temp files still run.
/// </summary>
internal static class Interruptible
{
    /// <summary>Runs <paramref name="body"/>; returns 0, or 130 when interrupted.</summary>
    public static async Task<int> RunAsync(string what, Func<CancellationToken, Task> body)
    {
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            await body(stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{what} interrupted");
            return 130;
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
