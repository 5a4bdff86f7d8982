using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GameServer.Storage;

/// <summary>
/// <c>gameserver.store.operation.duration</c> (seconds, tagged with the store and the operation), recorded by
/// every store. Timing costs two timestamps, and nothing while no listener is attached.
/// </summary>
public sealed class StoreMetrics
{
    public const string MeterName = "GameServer.Storage";

    private readonly Histogram<double> _duration;

    public StoreMetrics(IMeterFactory meters)
        : this(meters?.Create(MeterName) ?? throw new ArgumentNullException(nameof(meters)))
    {
    }

    private StoreMetrics(Meter meter)
    {
        _duration = meter.CreateHistogram<double>(
            "gameserver.store.operation.duration",
            unit: "s",
            description: "How long one store operation took, from the call to its result");
    }

    /// <summary>For a store made outside the server's container (a migration, a test): its timings go to a meter nobody exports.</summary>
    public static StoreMetrics Unrecorded { get; } = new StoreMetrics(new Meter("Unrecorded.Storage"));

    /// <summary>Starts timing one operation; dispose the result when it ends (<c>using var _ = metrics.Time(...)</c>).</summary>
    public OperationTiming Time(string store, string operation) =>
        new(_duration.Enabled ? _duration : null, store, operation, _duration.Enabled ? Stopwatch.GetTimestamp() : 0);

    /// <summary>One operation being timed; a struct, so timing allocates nothing.</summary>
    public readonly struct OperationTiming(Histogram<double>? duration, string store, string operation, long startedAt) : IDisposable
    {
        public void Dispose() => duration?.Record(
            Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
            new KeyValuePair<string, object?>("store", store),
            new KeyValuePair<string, object?>("operation", operation));
    }
}
