using GameServer.Limits;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Limits;

/// <summary>A flood of refused handshakes once wrote one log line each; now one line per ten seconds carries the count.</summary>
[Category("Unit")]
public sealed class RefusalReportTests
{
    [Test]
    public void A_flood_of_refusals_is_one_line_per_interval_with_the_count()
    {
        var time = new FakeTimeProvider();
        var report = new RefusalReport(time);

        Assert.That(report.Count(out var first), Is.True);
        Assert.That(first, Is.EqualTo(1));
        var logged = Enumerable.Range(0, 999).Count(_ => report.Count(out long _));
        Assert.That(logged, Is.Zero, "nothing more within the interval");

        time.Advance(RefusalReport.Every);
        Assert.That(report.Count(out var next), Is.True);
        Assert.That(next, Is.EqualTo(1000), "the 999 held back and this one");
    }
}
