namespace GameServer.Tests.Support;

/// <summary>A clock stopped at one instant: for values the server stamps from its <see cref="TimeProvider"/>.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
