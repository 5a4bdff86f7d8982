namespace GameServer.Analytics;

/// <summary>
/// One game event as recorded and stored: its type, user and time, and the fields of its type (the
/// others stay null and are not stored).
/// </summary>
public sealed class AnalyticsEvent
{
    /// <summary>Given by the store; grows with every event written.</summary>
    public int Id { get; set; }

    /// <summary>One of <see cref="Protocol.Analytics.AnalyticsEventTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The user's id.</summary>
    public int User { get; set; }

    /// <summary>When it happened: UTC, whole milliseconds (what LiteDB keeps of a date).</summary>
    public DateTime At { get; set; }

    /// <summary><c>logged_out</c>: login to logout or close.</summary>
    public double? SessionSeconds { get; set; }

    /// <summary><c>logged_in</c>: whether the session plays.</summary>
    public bool? InWorld { get; set; }

    /// <summary><c>moved</c>: world units moved in the session.</summary>
    public double? Distance { get; set; }

    /// <summary><c>moved</c>: the moves that made <see cref="Distance"/>.</summary>
    public int? Moves { get; set; }

    /// <summary><c>gift_received</c>: the gift's name.</summary>
    public string? Item { get; set; }

    /// <summary><c>monster_struck</c>, <c>monster_defeated</c>: the monster's id.</summary>
    public int? Monster { get; set; }

    /// <summary><c>monster_struck</c>: the monster's health after the strike.</summary>
    public int? HealthPoints { get; set; }

    /// <summary><c>monster_defeated</c>: the user's defeats so far.</summary>
    public int? Defeats { get; set; }

    /// <summary><c>chat_sent</c>: the message's id.</summary>
    public int? Message { get; set; }

    /// <summary><c>chat_sent</c>: the message's length in characters; the text itself is not recorded.</summary>
    public int? Length { get; set; }
}
