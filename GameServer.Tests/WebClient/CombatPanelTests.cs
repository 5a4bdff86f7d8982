using System.Globalization;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>A player under attack sees it: a ring on its own player, a badge and a line in the combat log, which never grows the page.</summary>
[Category("Browser")]
[CancelAfter(90_000)]
public sealed class CombatPanelTests : BrowserFixture
{
    [Test]
    public async Task An_attack_on_the_own_player_is_shown_on_the_canvas_and_in_a_bounded_combat_log()
    {
        // Ticks only when the test advances the clock; monsters never move, so the picture stays put.
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(
            clock.Register,
            "--World:Width=100", "--World:Height=100", "--World:MaxMovesPerSecond=1000",
            "--Monsters:Count=0", "--Monsters:TickEnabled=true", "--Monsters:WanderStep=0", "--Monsters:ChaseStep=0", "--Monsters:AggroRadius=1000");
        var page = await OpenPageAsync(server.HttpUri);
        var name = Some.Username("prey");
        await RegisterAsync(page, name);
        var position = page.Locator("#position");
        await Expect(position).ToHaveAttributeAsync("data-x", new System.Text.RegularExpressions.Regex(".+"), new() { Timeout = 15_000 });
        var x = double.Parse((await position.GetAttributeAsync("data-x"))!, CultureInfo.InvariantCulture);
        var y = double.Parse((await position.GetAttributeAsync("data-y"))!, CultureInfo.InvariantCulture);
        var (admin, _) = await server.ConnectAsAdminAsync();
        await admin.WalkToAsync(x < 50 ? 99 : 1, y < 50 ? 99 : 1);
        var prey = (await admin.ListUsersAsync()).Single(u => u.Username == name);

        // The monster stands 6 units above or below, out of reach.
        var monster = await admin.CreateMonsterAsync(x, y < 50 ? y + 6 : y - 6);
        await admin.TransitionMonsterAsync(monster.Id, MonsterTransitions.Attack, prey.Id);
        await clock.AdvanceAsync(server, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));

        await Expect(page.Locator("#under-attack")).ToHaveTextAsync("under attack by 1 monster", new() { Timeout = 15_000 });
        await Expect(page.Locator("#combat li.attacked")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"Monster {monster.Id} attacks you!$"));
        // The ring's colour on the canvas spans the ring's width round the player (the dashed line to the
        // monster runs straight up or down, so only the ring sets the horizontal extent). Measured on the
        // whole canvas so that a miss says where it was drawn instead. A player spawned by the world's edge
        // has its ring cut there: that side need only reach the edge.
        var ring = $$"""
            () => {
              const canvas = document.getElementById("world");
              const ratio = canvas.width / canvas.clientWidth;
              const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
              let left = Infinity, right = -1;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i] !== 255 || data[i + 1] !== 23 || data[i + 2] !== 68) continue;
                const column = (i / 4) % canvas.width;
                left = Math.min(left, column);
                right = Math.max(right, column);
              }
              const centre = {{Invariant(x)}} / 100 * canvas.clientWidth;
              return { centre, left: left / ratio, right: right / ratio, width: canvas.width / ratio, ratio };
            }
            """;
        static bool AroundThePlayer(System.Text.Json.JsonElement r)
        {
            var (left, right, centre, width) = (r.GetProperty("left").GetDouble(), r.GetProperty("right").GetDouble(), r.GetProperty("centre").GetDouble(), r.GetProperty("width").GetDouble());
            if (right < 0)
            {
                return false;
            }

            var (cutLeft, cutRight) = (left < 1, right > width - 2);
            if (!cutLeft && !cutRight)
            {
                return Math.Abs((left + right) / 2 - centre) <= 2 && (right - left) / 2 is >= 12 and <= 17;
            }

            // The uncut side spans the radius (12 to 17) with the centre 2 off at most, as above.
            return (cutLeft ? right - centre : centre - left) is >= 10 and <= 19;
        }
        var seen = await page.EvaluateAsync<System.Text.Json.JsonElement>(ring);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !AroundThePlayer(seen) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            seen = await page.EvaluateAsync<System.Text.Json.JsonElement>(ring);
        }

        Assert.That(AroundThePlayer(seen), Is.True, $"a ring of radius 14 round the player at ({x}, {y}); the ring's colour spans, in CSS pixels: {seen}");

        var log = page.Locator("#combat");
        var height = (await log.BoundingBoxAsync())!.Height;
        var legend = (await page.Locator(".legend").BoundingBoxAsync())!.Y;
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("KeyF");
        }

        await Expect(log.Locator("li")).ToHaveCountAsync(50, new() { Timeout = 15_000 });
        await Expect(log.Locator("li").Last).ToHaveClassAsync("error");
        Assert.That((await log.BoundingBoxAsync())!.Height, Is.EqualTo(height).Within(0.5), "the log scrolls; it does not grow");
        Assert.That((await page.Locator(".legend").BoundingBoxAsync())!.Y, Is.EqualTo(legend).Within(0.5), "nothing below it moves");
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
