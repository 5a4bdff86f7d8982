using System.Text.RegularExpressions;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>The leaderboards on the game page: live, the own row highlighted, the own rank below the top 10, this week or all time.</summary>
[Category("Browser")]
[CancelAfter(120_000)]
public sealed class LeaderboardPanelTests : BrowserFixture
{
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 15_000 };

    [Test]
    public async Task A_walk_shows_live_on_both_players_boards_with_the_own_row_highlighted()
    {
        await using var server = await InProcessServer.StartAsync("--Gifts:Enabled=false", "--Monsters:Count=0", "--World:Width=100", "--World:Height=100");
        var walker = await OpenPageAsync(server.HttpUri);
        var watcher = await OpenPageAsync(server.HttpUri);
        var walkerName = Some.Username("walker");
        await RegisterAsync(walker, walkerName);
        await RegisterAsync(watcher, Some.Username("watcher"));
        await Expect(Board(watcher, "distance_walked").Locator("li")).ToHaveTextAsync("Nobody yet.", Patiently);

        await StepAsync(walker, 3);

        var seenByWalker = Row(walker, "distance_walked", walkerName);
        var seenByWatcher = Row(watcher, "distance_walked", walkerName);
        await Expect(seenByWatcher).ToHaveTextAsync(new Regex(@"^1\.\s*walker.*\s3$"), Patiently);
        await Expect(seenByWalker).ToHaveTextAsync(new Regex(@"\s3$"), Patiently);
        await Expect(seenByWalker).ToHaveClassAsync("me");
        await Expect(seenByWalker).ToHaveAttributeAsync("aria-current", "true");
        await Expect(seenByWatcher).Not.ToHaveClassAsync("me");
        await Expect(Board(watcher, "distance_walked").Locator(".own-rank")).ToHaveTextAsync("You are not ranked yet.", Patiently);
        await Expect(Board(walker, "distance_walked").Locator(".own-rank")).ToBeHiddenAsync();
    }

    [Test]
    public async Task Below_the_top_ten_the_own_rank_is_shown_from_leaderboard_me()
    {
        await using var server = await InProcessServer.StartAsync("--Gifts:Enabled=false", "--Monsters:Count=0", "--World:Width=100", "--World:Height=100", "--World:MaxMovesPerSecond=1000");
        for (var i = 0; i < 11; i++)
        {
            var (bot, _) = await server.ConnectAsUserAsync(Some.Username("bot"));
            var at = await bot.MoveAsync(0, 0);
            var dx = at.PositionX < 50 ? 1 : -1;
            for (var step = 0; step < 3; step++)
            {
                await bot.MoveAsync(dx, 0);
            }
        }

        var page = await OpenPageAsync(server.HttpUri);
        var name = Some.Username("slow");
        await RegisterAsync(page, name);
        await Expect(Board(page, "distance_walked").Locator("ol li")).ToHaveCountAsync(10, new() { Timeout = 15_000 });

        await StepAsync(page, 1);

        await Expect(Board(page, "distance_walked").Locator(".own-rank")).ToHaveTextAsync("You: #12 of 12, 1", Patiently);
        await Expect(Row(page, "distance_walked", name)).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_new_week_empties_this_weeks_board_and_all_time_keeps_the_score()
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(clock.Register, "--Gifts:Enabled=false", "--Monsters:Count=0", "--World:Width=100", "--World:Height=100", "--World:MaxMovesPerSecond=1000");
        var page = await OpenPageAsync(server.HttpUri);
        var name = Some.Username("weekly");
        await RegisterAsync(page, name);
        await Expect(page.Locator("#boards-period [data-period=week]")).ToHaveAttributeAsync("aria-pressed", "true");

        await StepAsync(page, 2);
        await clock.AdvanceAsync(server, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        await Expect(Row(page, "distance_walked", name)).ToHaveTextAsync(new Regex(@"\s2$"), Patiently);

        // VirtualClock starts on a Tuesday: a week on, this week's board has started again, empty.
        await clock.AdvanceAsync(server, TimeSpan.FromDays(7), TimeSpan.FromDays(1));
        await Expect(Board(page, "distance_walked").Locator("ol li")).ToHaveTextAsync("Nobody yet.", Patiently);
        await page.ClickAsync("#boards-period [data-period=all]");

        await Expect(page.Locator("#boards-period [data-period=all]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Row(page, "distance_walked", name)).ToHaveTextAsync(new Regex(@"\s2$"), Patiently);
        await Expect(Row(page, "distance_walked", name)).ToHaveClassAsync("me");
    }

    private static ILocator Board(IPage page, string board) => page.Locator($"#boards-panel [data-board={board}]");

    private static ILocator Row(IPage page, string board, string username) =>
        Board(page, board).Locator("ol li", new LocatorLocatorOptions { Has = page.Locator("bdi.name", new PageLocatorOptions { HasTextRegex = new Regex($"^{username}$") }) });

    /// <summary>Takes <paramref name="steps"/> steps with the arrow keys, away from the nearer edge so none is clamped, each confirmed by the server.</summary>
    private static async Task StepAsync(IPage page, int steps)
    {
        var position = page.Locator("#position");
        await Expect(position).ToHaveAttributeAsync("data-x", new Regex(".+"), new() { Timeout = 15_000 });
        var x = double.Parse((await position.GetAttributeAsync("data-x"))!, System.Globalization.CultureInfo.InvariantCulture);
        var (key, dx) = x < 50 ? ("ArrowRight", 1) : ("ArrowLeft", -1);
        for (var i = 1; i <= steps; i++)
        {
            await page.Keyboard.PressAsync(key);
            await Expect(position).ToHaveAttributeAsync("data-x", (x + (i * dx)).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        }
    }
}
