using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GameServer.Tests.Support;

/// <summary>One sample line: its full name (with <c>_bucket</c>, <c>_sum</c>...), its labels and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? this[string label] => Labels.GetValueOrDefault(label);
}

/// <summary>A metric family: its <c># TYPE</c>, <c># HELP</c> and samples.</summary>
public sealed record PrometheusFamily(string Name, string Type, string? Help, IReadOnlyList<PrometheusSample> Samples);

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4, for tests: any line that is not a
/// comment, a <c># HELP</c>/<c># TYPE</c> or a well-formed sample of a declared family throws, and so
/// do a family typed twice, a sample repeated, and a histogram whose buckets are not cumulative or
/// whose <c>+Inf</c> bucket is not its count.
/// </summary>
public static partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, List<PrometheusSample>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1}: {line}";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                ReadComment(line, where, types, helps, samples);
                continue;
            }

            var sample = ReadSample(line, where);
            var family = FamilyOf(sample.Name, types) ?? throw new FormatException($"{where}: a sample of no declared family");
            if (!seen.Add(Identity(sample)))
            {
                throw new FormatException($"{where}: the same series twice");
            }

            samples[family].Add(sample);
        }

        var families = types.ToDictionary(t => t.Key, t => new PrometheusFamily(t.Key, t.Value, helps.GetValueOrDefault(t.Key), samples[t.Key]), StringComparer.Ordinal);
        foreach (var family in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return families;
    }

    private static void ReadComment(string line, string where, Dictionary<string, string> types, Dictionary<string, string> helps, Dictionary<string, List<PrometheusSample>> samples)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 2 || parts[0] != "#" || parts[1] is not ("TYPE" or "HELP"))
        {
            return;
        }

        if (parts.Length < 3 || !MetricName().IsMatch(parts[2]))
        {
            throw new FormatException($"{where}: a {parts[1]} without a valid metric name");
        }

        var name = parts[2];
        if (parts[1] == "HELP")
        {
            if (!helps.TryAdd(name, Unescape(parts.Length == 4 ? parts[3] : "", where, inLabel: false)))
            {
                throw new FormatException($"{where}: HELP given twice");
            }

            return;
        }

        if (parts.Length != 4 || !Types.Contains(parts[3]))
        {
            throw new FormatException($"{where}: TYPE must be one of {string.Join(", ", Types)}");
        }

        if (!types.TryAdd(name, parts[3]) || samples.ContainsKey(name) && samples[name].Count > 0)
        {
            throw new FormatException($"{where}: TYPE given twice or after the family's samples");
        }

        samples[name] = [];
    }

    private static PrometheusSample ReadSample(string line, string where)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"{where}: not a sample line");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (match.Groups["labels"].Success)
        {
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                if (!labels.TryAdd(label.Groups["name"].Value, Unescape(label.Groups["value"].Value, where, inLabel: true)))
                {
                    throw new FormatException($"{where}: a label given twice");
                }
            }
        }

        return new PrometheusSample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value, where));
    }

    private static string? FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sampleName))
        {
            return types[sampleName] is "histogram" or "summary" ? null : sampleName;
        }

        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && types.TryGetValue(sampleName[..^suffix.Length], out var type)
                && (type == "histogram" || (type == "summary" && suffix != "_bucket")))
            {
                return sampleName[..^suffix.Length];
            }
        }

        return null;
    }

    private static void CheckHistogram(PrometheusFamily family)
    {
        var series = family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        foreach (var one in series)
        {
            var buckets = one.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            var count = one.SingleOrDefault(s => s.Name.EndsWith("_count", StringComparison.Ordinal))
                ?? throw new FormatException($"{family.Name}{{{one.Key}}} has no _count");
            _ = one.SingleOrDefault(s => s.Name.EndsWith("_sum", StringComparison.Ordinal))
                ?? throw new FormatException($"{family.Name}{{{one.Key}}} has no _sum");
            if (buckets.Count == 0 || buckets.Any(b => b["le"] is null) || buckets[^1]["le"] != "+Inf")
            {
                throw new FormatException($"{family.Name}{{{one.Key}}} needs buckets with le, the last +Inf");
            }

            for (var i = 1; i < buckets.Count; i++)
            {
                if (ParseValue(buckets[i]["le"]!, family.Name) <= ParseValue(buckets[i - 1]["le"]!, family.Name) || buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"{family.Name}{{{one.Key}}}: buckets must rise in le and be cumulative");
                }
            }

            if (buckets[^1].Value != count.Value)
            {
                throw new FormatException($"{family.Name}{{{one.Key}}}: the +Inf bucket is not the count");
            }
        }
    }

    private static string Identity(PrometheusSample sample) =>
        sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";

    private static double ParseValue(string value, string where) => value switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when FloatValue().IsMatch(value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"{where}: {value} is not a value"),
    };

    private static string Unescape(string text, string where, bool inLabel)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            result.Append(++i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when inLabel => '"',
                _ => throw new FormatException($"{where}: an unknown escape \\{text[i]}"),
            } : throw new FormatException($"{where}: a lone backslash"));
        }

        return result.ToString();
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\\n]|\\.)*"")(,[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\\n]|\\.)*"")*,?)?\})? (?<value>\S+)( -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>([^""\\\n]|\\.)*)""")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")]
    private static partial Regex FloatValue();
}
