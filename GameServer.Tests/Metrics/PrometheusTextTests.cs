using GameServer.Tests.Support;

namespace GameServer.Tests.Metrics;

/// <summary>The tests' Prometheus parser takes the format as written and refuses what is not.</summary>
[Category("Unit")]
public sealed class PrometheusTextTests
{
    private const string Valid = """
        # HELP requests_total Requests, by method.
        # TYPE requests_total counter
        requests_total{method="system.ping",path="a\"b\\c"} 3
        requests_total{method="(batch)"} 1e3
        # TYPE open gauge
        open 2
        # TYPE duration_seconds histogram
        duration_seconds_bucket{method="x",le="0.1"} 1
        duration_seconds_bucket{method="x",le="1"} 2
        duration_seconds_bucket{method="x",le="+Inf"} 2
        duration_seconds_sum{method="x"} 0.35
        duration_seconds_count{method="x"} 2

        """;

    [Test]
    public void A_well_formed_exposition_is_read_whole()
    {
        var families = PrometheusText.Parse(Valid);

        Assert.That(families.Keys, Is.EquivalentTo(new[] { "requests_total", "open", "duration_seconds" }));
        Assert.That(families["requests_total"].Type, Is.EqualTo("counter"));
        Assert.That(families["requests_total"].Help, Is.EqualTo("Requests, by method."));
        Assert.That(families["requests_total"].Samples[0]["path"], Is.EqualTo("a\"b\\c"));
        Assert.That(families["requests_total"].Samples[1].Value, Is.EqualTo(1000));
        Assert.That(families["duration_seconds"].Samples, Has.Count.EqualTo(5));
    }

    [TestCase("requests_total{method=\"x\"} three", TestName = "A value that is no number")]
    [TestCase("requests_total{method=x} 1", TestName = "An unquoted label value")]
    [TestCase("requests_total{method=\"x} 1", TestName = "An unterminated label value")]
    [TestCase("requests_total{2method=\"x\"} 1", TestName = "A label name starting with a digit")]
    [TestCase("requests_total{method=\"x\",method=\"y\"} 1", TestName = "A label given twice")]
    [TestCase("requests_total{method=\"\\q\"} 1", TestName = "An unknown escape")]
    [TestCase("requests_total  1", TestName = "Two spaces before the value")]
    [TestCase("requests_total{method=\"system.ping\",path=\"a\\\"b\\\\c\"} 4", TestName = "The same series twice")]
    [TestCase("undeclared_total 1", TestName = "A sample of no declared family")]
    [TestCase("# TYPE requests_total counter", TestName = "A family typed twice")]
    [TestCase("# TYPE other counters", TestName = "An unknown type")]
    [TestCase("1bad 1", TestName = "A metric name starting with a digit")]
    [TestCase("duration_seconds_bucket{method=\"y\",le=\"1\"} 1", TestName = "A histogram series without +Inf, _sum or _count")]
    public void A_malformed_line_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => PrometheusText.Parse(Valid + line + "\n"));
    }

    [Test]
    public void A_histogram_whose_buckets_fall_is_refused()
    {
        var text = Valid.Replace("le=\"1\"} 2", "le=\"1\"} 0", StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
    }

    [Test]
    public void A_histogram_whose_inf_bucket_is_not_its_count_is_refused()
    {
        var text = Valid.Replace("duration_seconds_count{method=\"x\"} 2", "duration_seconds_count{method=\"x\"} 3", StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
    }

    [Test]
    public void An_exposition_cut_off_mid_line_is_refused()
    {
        Assert.Throws<FormatException>(() => PrometheusText.Parse(Valid + "open"));
    }
}
