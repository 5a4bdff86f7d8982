using System.Diagnostics.Metrics;
using GameServer.Analytics;
using GameServer.Protocol.Analytics;
using GameServer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Analytics;

/// <summary>The buffer between the game and the store: never waits, drops the oldest when full, and counts what it drops.</summary>
[Category("Unit")]
public sealed class AnalyticsBufferTests
{
    private ServiceProvider _services = null!;
    private MetricCollector<long> _dropped = null!;

    [SetUp]
    public void Start()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _dropped = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), AnalyticsMetrics.MeterName, AnalyticsMetrics.DroppedName);
    }

    [TearDown]
    public void Stop()
    {
        _dropped.Dispose();
        _services.Dispose();
    }

    [Test]
    public void A_full_buffer_drops_the_oldest_unwritten_events_and_counts_them()
    {
        var buffer = Buffer(capacity: 3);

        for (var message = 1; message <= 5; message++)
        {
            buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.ChatSent, User = 1, Message = message });
        }

        var kept = new List<AnalyticsEvent>();
        buffer.Take(kept, 10);
        Assert.That(kept.Select(e => e.Message), Is.EqualTo(new int?[] { 3, 4, 5 }), "the newest are kept");
        Assert.That(_dropped.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(2));
    }

    [Test]
    public void A_buffer_with_room_drops_nothing()
    {
        var buffer = Buffer(capacity: 3);

        buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.Registered, User = 1 });
        buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.LoggedIn, User = 1 });

        Assert.That(buffer.Count, Is.EqualTo(2));
        Assert.That(_dropped.GetMeasurementSnapshot(), Is.Empty);
    }

    [Test]
    public void Events_are_stamped_with_the_server_clock_to_the_millisecond()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(12_345_678));
        var buffer = Buffer(capacity: 3, time);

        buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.LoggedIn, User = 1 });

        var taken = new List<AnalyticsEvent>();
        buffer.Take(taken, 1);
        Assert.That(taken.Single().At, Is.EqualTo(new DateTime(2030, 1, 1, 10, 0, 1, 234, DateTimeKind.Utc)));
    }

    [Test]
    public void The_writer_writes_what_is_waiting_in_batches_of_the_configured_size()
    {
        var options = Options.Create(new AnalyticsOptions { BufferCapacity = 100, WriteBatchSize = 2 });
        var buffer = new AnalyticsBuffer(options, new AnalyticsMetrics(_services.GetRequiredService<IMeterFactory>()), TimeProvider.System);
        var store = new RecordingStore();
        for (var user = 1; user <= 5; user++)
        {
            buffer.Record(new AnalyticsEvent { Type = AnalyticsEventTypes.LoggedIn, User = user });
        }

        var written = new AnalyticsWriter(buffer, store, options).WritePending();

        Assert.That(written, Is.EqualTo(5));
        Assert.That(store.Batches.Select(b => b.Select(e => e.User)), Is.EqualTo(new[] { new[] { 1, 2 }, [3, 4], [5] }));
        Assert.That(buffer.Count, Is.Zero);
    }

    private AnalyticsBuffer Buffer(int capacity, TimeProvider? time = null) => new(
        Options.Create(new AnalyticsOptions { BufferCapacity = capacity }),
        new AnalyticsMetrics(_services.GetRequiredService<IMeterFactory>()),
        time ?? TimeProvider.System);

    /// <summary>A store that keeps the batches it was given, copied: the writer reuses its list.</summary>
    private sealed class RecordingStore : IAnalyticsStore
    {
        public List<List<AnalyticsEvent>> Batches { get; } = [];

        public IReadOnlyList<IRecordSet> RecordSets => [];

        public void Append(IReadOnlyList<AnalyticsEvent> events) => Batches.Add([.. events]);

        public IReadOnlyList<AnalyticsEvent> Latest(string? type, int? user, int limit) => throw new NotSupportedException();

        public IReadOnlyList<AnalyticsEvent> Between(DateTime from, DateTime until) => throw new NotSupportedException();

        public DateTime? OldestEventTime() => throw new NotSupportedException();

        public IReadOnlyList<AnalyticsDay> Days(DateOnly from, DateOnly to) => throw new NotSupportedException();

        public void RollUp(AnalyticsDay day, DateTime from, DateTime until) => throw new NotSupportedException();
    }
}
