using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using GameServer.Tests.Support;

namespace GameServer.Tests.Metrics;

/// <summary>Scrapes <c>/metrics</c> as Prometheus would, and finds a free port for the metrics listener.</summary>
internal static class MetricsHttp
{
    public static async Task<HttpResponseMessage> GetAsync(Uri baseUri, string path = "/metrics", string? token = null)
    {
        using var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request, TestContext.CurrentContext.CancellationToken);
    }

    /// <summary>Scrapes and parses strictly; a response that is not 200 fails the test.</summary>
    public static async Task<IReadOnlyDictionary<string, PrometheusFamily>> ScrapeAsync(Uri baseUri, string? token = null)
    {
        using var response = await GetAsync(baseUri, token: token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A loopback port free a moment ago: Kestrel cannot bind port 0 twice and tell them apart.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
