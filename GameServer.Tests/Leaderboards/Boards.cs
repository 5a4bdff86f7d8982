using GameServer.Leaderboards;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Leaderboards;

/// <summary>A <see cref="LeaderboardService"/> on a fake clock, with usernames <c>u{id}</c>: the boards without a server.</summary>
internal sealed class Boards : IDisposable
{
    /// <summary>A Wednesday noon, UTC, in ISO week 2030-W01 (which began on Monday 2029-12-31).</summary>
    public static readonly DateTimeOffset Wednesday = new(2030, 1, 2, 12, 0, 0, TimeSpan.Zero);

    public Boards(DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? Wednesday);
        Service = new LeaderboardService(Time, new UsernameBook(id => $"u{id}"));
        Service.TopChanged += (board, period) => Changes.Add((board, period));
    }

    public FakeTimeProvider Time { get; }

    public LeaderboardService Service { get; }

    /// <summary>Every <see cref="LeaderboardService.TopChanged"/>, in order.</summary>
    public List<(LeaderboardBoard Board, LeaderboardPeriod Period)> Changes { get; } = [];

    public void Defeat(int user, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Service.Count(LeaderboardBoard.MonstersDefeated, user, 1);
        }
    }

    /// <summary>The users of a page of monsters_defeated, best first.</summary>
    public List<int> Order(string period = "all", int? limit = null, int? offset = null) =>
        [.. Service.TopAsync("monsters_defeated", period, limit, offset).Completed().Entries.Select(e => e.User)];

    public void Dispose() => Service.Dispose();
}

/// <summary>The boards of one process answer at once: a read that would wait is a failure here.</summary>
internal static class CompletedAnswer
{
    public static T Completed<T>(this ValueTask<T> answer)
    {
        Assert.That(answer.IsCompletedSuccessfully, Is.True, "the boards in memory answer synchronously");
        return answer.Result;
    }
}
