using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace GameServer.Realtime;

/// <summary>
/// The instruments of the WebSocket transport, meter <c>GameServer.Realtime</c>: the one count of
/// connections, sessions, frames and errors, which <c>/metrics</c> exports and <c>system.info</c> reads.
/// Frames are counted in per-method tallies (an interlocked add, no tag allocated per message) that
/// observable counters report when collected, so a scrape costs one walk over the methods.
/// </summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "GameServer.Realtime";

    /// <summary>The method tag of a frame holding a batch.</summary>
    public const string Batch = "(batch)";

    /// <summary>The method tag of a frame that is no JSON-RPC call (not JSON, no method, a bad id).</summary>
    public const string Invalid = "(invalid)";

    /// <summary>The method tag of a call to a method the server does not have: the client's string is never a tag.</summary>
    public const string Unknown = "(unknown)";

    /// <summary>The method tag of an outbound frame its sender did not name.</summary>
    public const string Unnamed = "(unnamed)";

    // Requests run from tens of microseconds (a ping) to seconds (a password hash under load).
    private static readonly double[] DurationBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly KeyValuePair<string, object?>[] QueueMessagesLimit = [new("limit", "messages")];
    private static readonly KeyValuePair<string, object?>[] QueueBytesLimit = [new("limit", "bytes")];

    private readonly ConcurrentDictionary<string, MessageTally> _tallies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, KeyValuePair<string, object?>> _codeTags = new();
    private readonly Counter<long> _errors;
    private readonly Counter<long> _overflows;
    private readonly Histogram<double> _requestDuration;
    private long _notificationsRefused;
    private long _directUpgrades;
    private long _httpUpgrades;
    private long _inlineCalls;
    private Func<int> _connections = () => 0;
    private Func<int> _sessionsLoggedIn = () => 0;

    public RealtimeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableUpDownCounter("gameserver.realtime.connections", () => _connections(), "{connection}", "WebSocket connections open now, logged in or not.");
        meter.CreateObservableUpDownCounter("gameserver.realtime.sessions", () => _sessionsLoggedIn(), "{session}", "Logged-in sessions now (a user on two devices counts twice).");
        meter.CreateObservableCounter("gameserver.realtime.messages.received", () => Observe(static t => t.Received), "{message}", "Frames received, by the method they call.");
        meter.CreateObservableCounter("gameserver.realtime.messages.sent", () => Observe(static t => t.Sent), "{message}", "Frames sent, by the method they answer or notify.");
        meter.CreateObservableCounter("gameserver.realtime.notifications.refused", () => NotificationsRefused, "{notification}", "Calls without id the server refused: they get no answer.");
        meter.CreateObservableCounter("gameserver.realtime.upgrades", () => (Measurement<long>[])
            [new(DirectUpgrades, new KeyValuePair<string, object?>("way", "direct")), new(HttpUpgrades, new KeyValuePair<string, object?>("way", "http"))],
            "{connection}", "WebSockets accepted, by the way in: straight off the connection, or through Kestrel's HTTP upgrade.");
        meter.CreateObservableCounter("gameserver.realtime.calls.inline", () => InlineCalls, "{call}",
            "Calls run on the socket engine's thread as their frame arrived, with no hand-off to the thread pool (Realtime:InlineReceive).");
        _errors = meter.CreateCounter<long>("gameserver.realtime.errors", "{error}", "JSON-RPC errors, by code (refused notifications included).");
        _overflows = meter.CreateCounter<long>("gameserver.realtime.outbound.overflows", "{overflow}", "Sessions closed because their outbound queue overflowed, by the limit reached.");
        _requestDuration = meter.CreateHistogram("gameserver.realtime.request.duration", "s", "Time from a call's dispatch to its answer, by method.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>Frames received by every session since start.</summary>
    public long MessagesReceived => _tallies.Values.Sum(static t => Interlocked.Read(ref t.Received));

    /// <summary>Frames sent by every session since start.</summary>
    public long MessagesSent => _tallies.Values.Sum(static t => Interlocked.Read(ref t.Sent));

    /// <summary>Calls without <c>id</c> that the server refused since start.</summary>
    public long NotificationsRefused => Interlocked.Read(ref _notificationsRefused);

    /// <summary>WebSockets accepted straight off the connection since start (<c>Realtime/Upgrade</c>).</summary>
    public long DirectUpgrades => Interlocked.Read(ref _directUpgrades);

    /// <summary>WebSockets accepted through Kestrel's HTTP upgrade since start.</summary>
    public long HttpUpgrades => Interlocked.Read(ref _httpUpgrades);

    /// <summary>Calls run on the socket engine's thread since start (<see cref="SocketThread"/>).</summary>
    public long InlineCalls => Interlocked.Read(ref _inlineCalls);

    /// <summary>Open connections now, as the connections gauge reports them.</summary>
    public int Connections => _connections();

    /// <summary>Logged-in sessions now, as the sessions gauge reports them.</summary>
    public int SessionsLoggedIn => _sessionsLoggedIn();

    /// <summary>The tally of frames calling, answering or notifying <paramref name="method"/>; created on first use.</summary>
    internal MessageTally Tally(string method) => _tallies.GetOrAdd(method, static name => new MessageTally(name));

    /// <summary>Called once by the registry: the gauges read its counts when collected.</summary>
    internal void ObserveSessions(Func<int> connections, Func<int> sessionsLoggedIn)
    {
        _connections = connections;
        _sessionsLoggedIn = sessionsLoggedIn;
    }

    internal void Sent(string? method) => Interlocked.Increment(ref Tally(method ?? Unnamed).Sent);

    internal void CountDirectUpgrade() => Interlocked.Increment(ref _directUpgrades);

    internal void CountHttpUpgrade() => Interlocked.Increment(ref _httpUpgrades);

    internal void CountInlineCall() => Interlocked.Increment(ref _inlineCalls);

    internal void NotificationRefused() => Interlocked.Increment(ref _notificationsRefused);

    internal void Error(int code) => _errors.Add(1, _codeTags.GetOrAdd(code, static c => new("code", c)));

    internal void RequestDuration(MessageTally tally, TimeSpan elapsed) => _requestDuration.Record(elapsed.TotalSeconds, tally.Tag);

    internal void OutboundOverflow(bool overBytes) => _overflows.Add(1, overBytes ? QueueBytesLimit : QueueMessagesLimit);

    private IEnumerable<Measurement<long>> Observe(Func<MessageTally, long> read)
    {
        foreach (var tally in _tallies.Values)
        {
            var value = read(tally);
            if (value > 0)
            {
                yield return new Measurement<long>(value, tally.Tag);
            }
        }
    }
}

/// <summary>Frames in and out for one method, with its tag built once.</summary>
internal sealed class MessageTally(string method)
{
    public long Received;
    public long Sent;

    public string Method { get; } = method;

    public KeyValuePair<string, object?> Tag { get; } = new("method", method);

    public void CountReceived() => Interlocked.Increment(ref Received);
}
