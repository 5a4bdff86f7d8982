using System.Text.Json;
using GameServer.Tools.Benchmarks;

namespace GameServer.Tools.Bots;

/// <summary>
/// The bots' results as JSON: <see cref="WriteReport"/> writes what <c>--json FILE</c> promises (the
/// table's figures, for CI and for comparing runs); <see cref="WriteResult"/> and <see cref="ReadResult"/>
/// carry a child process's whole result, histograms included, to its parent.
/// </summary>
internal static class BotsJson
{
    public static void WriteReport(string path, BotsOptions options, IReadOnlyList<BotsResult> runs)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runs);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("options");
        json.WriteNumber("count", options.Count);
        json.WriteString("mix", options.Mix.ToString());
        json.WriteNumber("rate", options.Rate);
        json.WriteString("subscription", options.Subscription);
        json.WriteNumber("ramp_up_s", options.RampUp);
        json.WriteNumber("warmup_s", options.Warmup);
        json.WriteNumber("seconds", options.Seconds);
        json.WriteNumber("processes", options.Processes);
        json.WriteString("users_prefix", options.UsersPrefix);
        json.WriteEndObject();
        json.WriteStartArray("runs");
        foreach (var r in runs)
        {
            json.WriteStartObject();
            json.WriteNumber("bots", r.Bots);
            json.WriteNumber("connected", r.Connected);
            json.WriteNumber("window_s", r.WindowSeconds);
            json.WriteNumber("moves_per_s", r.AcceptedPerSecond);
            json.WriteNumber("delivered_updates_per_s", r.DeliveredPerSecond);
            json.WriteNumber("messages_in_per_s", r.Window.MessagesIn / r.WindowSeconds);
            json.WriteNumber("messages_out_per_s", r.Window.MessagesOut / r.WindowSeconds);
            Percentiles(json, "move_to_arrival", r.Arrivals);
            json.WriteStartObject("round_trips");
            foreach (var (method, histogram) in r.RoundTrips.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Percentiles(json, method, histogram);
            }

            json.WriteEndObject();
            json.WriteStartObject("moves");
            json.WriteNumber("sent", r.Window.MovesSent);
            json.WriteNumber("accepted", r.Window.MovesAccepted);
            json.WriteNumber("refused", r.Window.MovesRefused);
            json.WriteNumber("mispredicted", r.Window.Mispredicted);
            json.WriteEndObject();
            json.WriteNumber("arrivals", r.Arrivals.Count);
            json.WriteNumber("came_into_view", r.CameIntoView);
            json.WriteNumber("unmatched", r.Unmatched);
            json.WriteStartObject("users");
            json.WriteNumber("logged_in", r.LoggedIn);
            json.WriteNumber("registered", r.Registered);
            json.WriteEndObject();
            Counts(json, "errors", r.Errors);
            Counts(json, "reconnects", r.Reconnects);
            Number(json, "server_cpu_cores", r.ServerCores);
            Number(json, "bots_cpu_cores", r.BotsCores);
            json.WriteStartObject("out_of_play");
            json.WriteNumber("count", r.OutOfPlay.Count);
            Number(json, "max_ms", r.OutOfPlay.MaxMs);
            json.WriteEndObject();
            json.WriteStartArray("nodes");
            foreach (var node in r.Nodes)
            {
                json.WriteStartObject();
                json.WriteString("url", node.Url.ToString());
                json.WriteString("id", node.Id);
                json.WriteStartArray("roles");
                node.Roles.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                json.WriteNumber("bots", node.Bots);
                json.WriteNumber("joined", node.Joined);
                Percentiles(json, "move_to_arrival", node.Arrivals);
                Number(json, "cpu_cores", node.Cores(r.WindowSeconds));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteResult(string path, BotsResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteNumber("bots", r.Bots);
        json.WriteNumber("connected", r.Connected);
        json.WriteNumber("window_s", r.WindowSeconds);
        Histogram(json, "arrivals", r.Arrivals);
        json.WriteStartObject("round_trips");
        foreach (var (method, histogram) in r.RoundTrips)
        {
            Histogram(json, method, histogram);
        }

        json.WriteEndObject();
        json.WriteStartArray("window");
        foreach (var count in new[] { r.Window.MovesSent, r.Window.MovesAccepted, r.Window.MovesRefused, r.Window.Mispredicted, r.Window.MessagesOut, r.Window.MessagesIn, r.Window.UpdatesIn })
        {
            json.WriteNumberValue(count);
        }

        json.WriteEndArray();
        json.WriteNumber("came_into_view", r.CameIntoView);
        json.WriteNumber("unmatched", r.Unmatched);
        json.WriteNumber("registered", r.Registered);
        json.WriteNumber("logged_in", r.LoggedIn);
        Counts(json, "errors", r.Errors);
        Counts(json, "reconnects", r.Reconnects);
        json.WriteNumber("bots_cpu_s", r.BotsCpuSeconds);
        Histogram(json, "out_of_play", r.OutOfPlay);
        json.WriteStartArray("nodes");
        foreach (var node in r.Nodes)
        {
            json.WriteStartObject();
            json.WriteString("url", node.Url.ToString());
            json.WriteNumber("bots", node.Bots);
            json.WriteNumber("joined", node.Joined);
            Histogram(json, "arrivals", node.Arrivals);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static BotsResult ReadResult(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var window = root.GetProperty("window").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        return new BotsResult(
            root.GetProperty("bots").GetInt32(),
            root.GetProperty("connected").GetInt32(),
            root.GetProperty("window_s").GetDouble(),
            ReadHistogram(root.GetProperty("arrivals")),
            root.GetProperty("round_trips").EnumerateObject().ToDictionary(p => p.Name, p => ReadHistogram(p.Value), StringComparer.Ordinal),
            new WindowCounts(window[0], window[1], window[2], window[3], window[4], window[5], window[6]),
            root.GetProperty("came_into_view").GetInt64(),
            root.GetProperty("unmatched").GetInt64(),
            root.GetProperty("registered").GetInt64(),
            root.GetProperty("logged_in").GetInt64(),
            ReadCounts(root.GetProperty("errors")),
            ReadCounts(root.GetProperty("reconnects")),
            double.NaN,
            root.GetProperty("bots_cpu_s").GetDouble(),
            ReadHistogram(root.GetProperty("out_of_play")),
            [.. root.GetProperty("nodes").EnumerateArray().Select(n => new NodeFigures(
                new Uri(n.GetProperty("url").GetString()!),
                n.GetProperty("bots").GetInt32(),
                n.GetProperty("joined").GetInt32(),
                ReadHistogram(n.GetProperty("arrivals")),
                double.NaN))]);
    }

    private static void Percentiles(Utf8JsonWriter json, string name, LatencyHistogram h)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", h.Count);
        Number(json, "p50_ms", h.PercentileMs(0.50));
        Number(json, "p90_ms", h.PercentileMs(0.90));
        Number(json, "p99_ms", h.PercentileMs(0.99));
        Number(json, "max_ms", h.MaxMs);
        json.WriteEndObject();
    }

    // JSON has no NaN: an empty histogram or an unknown CPU is null.
    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Counts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (kind, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(kind, count);
        }

        json.WriteEndObject();
    }

    private static Dictionary<string, long> ReadCounts(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);

    private static void Histogram(Utf8JsonWriter json, string name, LatencyHistogram h)
    {
        var (buckets, maxMicros) = h.Export();
        json.WriteStartObject(name);
        json.WriteNumber("max_us", maxMicros);
        json.WriteStartArray("buckets");
        foreach (var (index, count) in buckets)
        {
            json.WriteNumberValue(index);
            json.WriteNumberValue(count);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static LatencyHistogram ReadHistogram(JsonElement element)
    {
        var flat = element.GetProperty("buckets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var buckets = Enumerable.Range(0, flat.Length / 2).Select(i => ((int)flat[2 * i], flat[(2 * i) + 1]));
        return LatencyHistogram.Import(buckets, element.GetProperty("max_us").GetUInt64());
    }
}
