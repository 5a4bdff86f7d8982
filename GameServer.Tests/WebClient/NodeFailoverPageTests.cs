using GameServer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>
/// The game page, its node gone, goes on on another node of <c>Cluster:ClientUrls</c>: the list comes from
/// the node that served the page, and the page's Content-Security-Policy lets it connect there. Two single
/// servers stand in for the nodes (a session resumed on another node: Cluster/ClientFailoverTests).
/// </summary>
[Category("Browser")]
[CancelAfter(90_000)]
public sealed class NodeFailoverPageTests : BrowserFixture
{
    [Test]
    public async Task Its_node_stopped_the_page_connects_to_the_next_listed_node()
    {
        await using var other = await InProcessServer.StartAsync("--Monsters:Count=0");
        await using var own = await InProcessServer.StartAsync("--Monsters:Count=0", $"--Cluster:ClientUrls:0={other.WebSocketUri}");
        var page = await OpenPageAsync(own.HttpUri);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("connected");

        var toOther = page.WaitForWebSocketAsync(new PageWaitForWebSocketOptions { Predicate = ws => ws.Url == other.WebSocketUri.ToString(), Timeout = 30_000 });
        await own.DisposeAsync();
        await toOther;

        await Expect(page.Locator("#connection")).ToHaveTextAsync("connected");
        await page.ClickAsync("#ping");
        await Expect(page.Locator("#ping-result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ ms$"));
    }
}
