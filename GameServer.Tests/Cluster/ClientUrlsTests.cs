using System.Net.Http.Json;
using GameServer.Protocol;
using GameServer.Tests.Support;

namespace GameServer.Tests.Cluster;

/// <summary>
/// <c>Cluster:ClientUrls</c>: the game's nodes a page may go on to, served at <c>GET /cluster/client-urls</c>
/// and allowed in the pages' <c>connect-src</c>; nothing listed, nothing added.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class ClientUrlsTests
{
    [Test]
    public async Task The_listed_nodes_are_served_in_order_and_allowed_in_connect_src()
    {
        await using var server = await InProcessServer.StartAsync(
            "--Cluster:ClientUrls:0=wss://eu1.example.com/ws", "--Cluster:ClientUrls:1=ws://127.0.0.1:5001/ws", "--Cluster:ClientUrls:2=wss://eu1.example.com:443/ws");
        using var http = new HttpClient { BaseAddress = server.HttpUri };

        using var response = await http.GetAsync(new Uri("/cluster/client-urls", UriKind.Relative));
        var listed = await response.Content.ReadFromJsonAsync(GameJsonContext.Default.ClientUrls);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));

        Assert.That(listed!.Urls, Is.EqualTo(new[] { "wss://eu1.example.com/ws", "ws://127.0.0.1:5001/ws", "wss://eu1.example.com:443/ws" }));
        Assert.That(csp, Does.Contain($"connect-src 'self' ws://{server.HttpUri.Authority} wss://{server.HttpUri.Authority} wss://eu1.example.com ws://127.0.0.1:5001;"));
    }

    [Test]
    public async Task Without_a_list_the_answer_is_empty_and_connect_src_is_the_page_s_own()
    {
        await using var server = await InProcessServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri };

        using var response = await http.GetAsync(new Uri("/cluster/client-urls", UriKind.Relative));
        var listed = await response.Content.ReadFromJsonAsync(GameJsonContext.Default.ClientUrls);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));

        Assert.That(listed!.Urls, Is.Empty);
        Assert.That(csp, Does.Contain($"connect-src 'self' ws://{server.HttpUri.Authority} wss://{server.HttpUri.Authority};"));
    }
}
