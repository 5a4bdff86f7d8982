namespace GameServer.Protocol.Analytics;

/// <summary>The game events analytics records, as in <see cref="AnalyticsEventInfo.Type"/> and the summary's <c>events</c>.</summary>
public static class AnalyticsEventTypes
{
    /// <summary>A user registered (the session it registered on also logs in).</summary>
    public const string Registered = "registered";

    /// <summary>A session logged in: by registering, with a password or by resuming a token.</summary>
    public const string LoggedIn = "logged_in";

    /// <summary>A session logged out or closed; <see cref="AnalyticsEventData.SessionSeconds"/> is its length.</summary>
    public const string LoggedOut = "logged_out";

    /// <summary>The moves of a session, summed: one row when the session ends, not one per move.</summary>
    public const string Moved = "moved";

    /// <summary>The gift job put a gift into the user's inventory.</summary>
    public const string GiftReceived = "gift_received";

    /// <summary>The user struck a monster.</summary>
    public const string MonsterStruck = "monster_struck";

    /// <summary>The user's strike defeated a monster.</summary>
    public const string MonsterDefeated = "monster_defeated";

    /// <summary>The user sent a chat message.</summary>
    public const string ChatSent = "chat_sent";

    /// <summary>Every type, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Registered, LoggedIn, LoggedOut, Moved, GiftReceived, MonsterStruck, MonsterDefeated, ChatSent];
}
