using System.Globalization;

namespace GameServer.Leaderboards;

/// <summary>An ISO 8601 week in UTC: from Monday 00:00 to the next Monday 00:00.</summary>
/// <param name="Start">Its Monday, 00:00 UTC.</param>
public readonly record struct IsoWeek(DateTimeOffset Start)
{
    public static readonly TimeSpan Length = TimeSpan.FromDays(7);

    /// <summary>The stored name of the week, such as <c>2026-W49</c>; the ISO year, which near New Year may differ from the calendar year.</summary>
    public string Key => $"{ISOWeek.GetYear(Start.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(Start.UtcDateTime):00}";

    public DateTimeOffset End => Start + Length;

    public IsoWeek Previous => new(Start - Length);

    public IsoWeek Next => new(End);

    /// <summary>The week <paramref name="instant"/> falls in.</summary>
    public static IsoWeek Of(DateTimeOffset instant)
    {
        var day = instant.UtcDateTime.Date;
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return new IsoWeek(new DateTimeOffset(day.AddDays(-sinceMonday), TimeSpan.Zero));
    }

    public override string ToString() => Key;
}
