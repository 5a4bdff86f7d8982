using GameServer.HttpApi;
using GameServer.Protocol;
using GameServer.Protocol.System;
using Microsoft.Extensions.Options;

namespace GameServer.Cluster;

/// <summary>
/// <c>GET /cluster/client-urls</c>: the nodes a client of this game may go on to when its own is lost
/// (<see cref="ClusterOptions.ClientUrls"/>). Open to anyone, as the page asks before any login; the URLs
/// are the game's public addresses. On a single node it answers the same, usually an empty list.
/// </summary>
public static class ClientUrlsHttp
{
    public const string Route = "/cluster/client-urls";

    public static IEndpointRouteBuilder MapClientUrls(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Route, (HttpContext context, IOptions<ClusterOptions> options) =>
            ApiResponse.RunAsync(context, () => Task.FromResult(new ClientUrls(options.Value.ClientUrls)), GameJsonContext.Default.ClientUrls));
        return app;
    }

    /// <summary>
    /// The origins of <paramref name="urls"/> (<c>wss://eu1.example.com</c>) as CSP sources: a page may connect
    /// to the listed nodes, and only to them, besides its own.
    /// </summary>
    public static IReadOnlyList<string> ConnectSources(IEnumerable<string> urls) =>
        [.. urls.Select(url => new Uri(url).GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.Ordinal)];
}
