namespace GameServer.Tools.Benchmarks;

/// <summary>One target at one connection count: round trips in the window, latency, and CPU used meanwhile.</summary>
internal sealed record LoadResult(long Messages, double WindowSeconds, double P50Ms, double P99Ms, double ServerCpuSeconds, double ClientCpuSeconds)
{
    public double MessagesPerSecond => Messages / WindowSeconds;

    /// <summary>Server CPU per message in microseconds: what a message costs, whatever the throughput.</summary>
    public double ServerCpuMicrosPerMessage => Messages == 0 ? double.NaN : ServerCpuSeconds * 1e6 / Messages;
}
