using System.Diagnostics;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// What one connection's loop reports to; each loop has its own, so it needs no locks. Timestamps are
/// <see cref="Stopwatch.GetTimestamp"/> ticks.
/// </summary>
internal interface IRoundTripRecorder
{
    /// <summary>Called before each ping; false ends this connection's loop.</summary>
    bool BeforeSend(long now);

    /// <summary>Called when the reply to the ping sent at <paramref name="sent"/> has arrived.</summary>
    void AfterReceive(long sent, long received);
}
