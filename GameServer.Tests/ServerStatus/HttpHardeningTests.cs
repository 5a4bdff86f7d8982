using System.Net.Sockets;
using System.Text;
using GameServer.Tests.Support;

namespace GameServer.Tests.ServerStatus;

/// <summary>Finding 12, the HTTP side: bodies bounded while read, and headers that keep browsers safe.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class HttpHardeningTests
{
    private const int ChunkSize = 64 * 1024;
    private const int BodyBytes = 20 * 1024 * 1024;

    [Test]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413()
    {
        await using var server = await InProcessServer.StartAsync();
        var (_, admin) = await server.ConnectAsAdminAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.HttpUri.Host, server.HttpUri.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/items/ HTTP/1.1\r\nHost: {server.HttpUri.Authority}\r\nAuthorization: Bearer {admin.Token}\r\n" +
                   "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var answer = ReadStatusLineAsync(stream);

        // A JSON string of 20 MiB, sent in chunks without Content-Length, until the server answers.
        await stream.WriteAsync(Chunk("{\"name\":\""u8.ToArray()));
        var filler = Chunk(Enumerable.Repeat((byte)'x', ChunkSize).ToArray());
        var sent = 0;
        try
        {
            while (sent < BodyBytes && !answer.IsCompleted)
            {
                await stream.WriteAsync(filler);
                sent += ChunkSize;
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering: the rest of the body was never read.
        }

        var status = await answer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(status, Does.StartWith("HTTP/1.1 413"));
        Assert.That(sent, Is.LessThan(BodyBytes), "refused while the body was still coming");
    }

    [Test]
    public async Task Every_answer_carries_the_security_headers_and_no_server_header()
    {
        await using var server = await InProcessServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpUri };
        string[] paths = ["/", "/js/app.js", "/admin/", "/healthz", "/api/items/", "/ws", "/no/such/page"];

        foreach (var path in paths)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Multiple(() =>
            {
                Assert.That(csp, Does.Contain("default-src 'self'"), path);
                Assert.That(csp, Does.Contain($"connect-src 'self' ws://{server.HttpUri.Authority} wss://{server.HttpUri.Authority}"), path);
                Assert.That(csp, Does.Contain("frame-ancestors 'none'"), path);
                Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }), path);
                Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }), path);
                Assert.That(response.Headers.Contains("Server"), Is.False, path);
            });
        }
    }

    private static byte[] Chunk(byte[] data) =>
        [.. Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"), .. data, .. "\r\n"u8.ToArray()];

    private static async Task<string> ReadStatusLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
        {
            line.Append((char)one[0]);
        }

        return line.ToString();
    }
}
