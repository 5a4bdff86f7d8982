using GameServer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>The dashboard's Server tab lists the cluster's live nodes in cluster mode, and hides the list on one node.</summary>
[Category("Browser")]
[CancelAfter(90_000)]
public sealed class AdminDashboardNodesTests : AdminDashboardFixture
{
    protected override string[] ServerSettings => TestContext.CurrentContext.Test.MethodName!.Contains("cluster", StringComparison.Ordinal)
        ?
        [
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}",
            $"--Cluster:Redis={TestRedis.Shared.Configuration}", $"--Cluster:Name={TestRedis.GameName()}", "--Cluster:NodeId=dashboard-node",
        ]
        : [];

    [Test]
    public async Task In_cluster_mode_the_server_tab_lists_this_node_with_its_connections()
    {
        var page = await OpenAdminAsync(admin: true);

        var row = page.Locator("#nodes tr", new PageLocatorOptions { HasText = "dashboard-node (this one)" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9]"));
    }

    [Test]
    public async Task On_one_node_the_server_tab_shows_no_node_list()
    {
        var page = await OpenAdminAsync(admin: true);

        await Expect(page.Locator("#jobs tr", new PageLocatorOptions { HasText = "world-patches" })).ToBeVisibleAsync();
        await Expect(page.Locator("#nodes-block")).ToBeHiddenAsync();
    }
}
