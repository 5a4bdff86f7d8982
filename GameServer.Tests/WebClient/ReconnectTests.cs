using System.Net.WebSockets;
using System.Text.RegularExpressions;
using GameServer.Protocol.Accounts;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>The game page cut off from the server (its socket routed through the test) and back.</summary>
[Category("Browser")]
[CancelAfter(60_000)]
public sealed class ReconnectTests : BrowserFixture
{
    private InProcessServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await InProcessServer.StartAsync("--Monsters:Count=0");

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task While_cut_off_the_world_is_stale_and_retry_now_brings_it_back_without_old_errors()
    {
        var (page, line) = await OpenRoutedPageAsync();
        var name = Some.Username();
        await RegisterAsync(page, name);
        await Expect(page.Locator("#world-panel")).ToBeVisibleAsync();

        line.CutOff = true;
        await DropSessionsOfAsync(name);

        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("stale"));
        await Expect(page.Locator("[data-move=left]")).ToBeDisabledAsync();
        await Expect(page.Locator("#chat-form button")).ToBeDisabledAsync();
        await Expect(page.Locator("#retry-now")).ToBeVisibleAsync();

        // An error line left by a call the lost connection failed.
        await page.EvaluateAsync("() => document.getElementById('chat-error').textContent = 'connection closed (1006)'");

        // After four refused attempts the next is at least 2 s away: the click, not the back-off, reconnects.
        await line.FourRefused.Task.WaitAsync(TimeSpan.FromSeconds(30));
        line.CutOff = false;
        await page.ClickAsync("#retry-now");

        await Expect(page.Locator("#connection")).ToHaveTextAsync("connected");
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(new Regex("stale"));
        await Expect(page.Locator("[data-move=left]")).ToBeEnabledAsync();
        await Expect(page.Locator("#retry-now")).ToBeHiddenAsync();
        await Expect(page.Locator("#chat-error")).ToHaveTextAsync("");
        await Expect(page.Locator("#who")).ToContainTextAsync(name);
    }

    [Test]
    public async Task The_backoff_doubles_with_jitter_and_never_exceeds_five_seconds()
    {
        var page = await OpenPageAsync(_server.HttpUri);

        var delays = await page.EvaluateAsync<double[][]>("""
            async () => {
              const { reconnectDelay } = await import("/js/gameclient.js");
              const attempts = [...Array(40).keys()];
              return [0, 0.5, 0.999999].map((r) => attempts.map((a) => reconnectDelay(a, () => r)));
            }
            """);

        var (low, middle, high) = (delays[0], delays[1], delays[2]);
        Assert.That(high.Max(), Is.LessThanOrEqualTo(5_000));
        Assert.That(high[^1], Is.GreaterThan(4_999), "the cap is reached");
        Assert.That(low[0], Is.EqualTo(125), "half of the first 250 ms is fixed");
        Assert.That(low[1], Is.EqualTo(250), "then it doubles");
        Assert.That(middle.Zip(low).All(pair => pair.First > pair.Second), Is.True, "the random half spreads clients apart");
    }

    [Test]
    public async Task A_call_without_an_answer_times_out_instead_of_waiting_forever()
    {
        var page = await OpenPageAsync(_server.HttpUri);

        // A socket the test holds open and never answers: a server that hangs.
        await page.RouteWebSocketAsync(_ => true, _ => { });
        var outcome = await page.EvaluateAsync<string>("""
            async () => {
              const { GameClient } = await import("/js/gameclient.js");
              const client = new GameClient(`ws://${location.host}/ws`);
              await client.connect();
              try { await client.call("system.ping", undefined, { timeoutMs: 300 }); return "answered"; }
              catch (error) { return error.timedOut ? "timed out" : error.message; }
            }
            """);

        Assert.That(outcome, Is.EqualTo("timed out"));
    }

    private async Task<(IPage Page, Line Line)> OpenRoutedPageAsync()
    {
        var page = await OpenPageAsync(_server.HttpUri);
        var line = new Line();
        await page.RouteWebSocketAsync(_ => true, ws =>
        {
            if (line.CutOff)
            {
                _ = ws.CloseAsync();
                if (Interlocked.Increment(ref line.Refused) == 4)
                {
                    line.FourRefused.TrySetResult();
                }
            }
            else
            {
                ws.ConnectToServer();
            }
        });

        // The page's first socket opened before the route: a reload opens one through it.
        await page.ReloadAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("connected");
        return (page, line);
    }

    private async Task DropSessionsOfAsync(string username)
    {
        var (admin, _) = await _server.ConnectAsAdminAsync();
        var user = (await admin.ListUsersAsync()).Single(u => u.Username == username);
        foreach (var session in _server.Services.GetRequiredService<SessionRegistry>().SessionsOf(user.Id))
        {
            session.RequestClose(WebSocketCloseStatus.NormalClosure, "cut off by the test");
        }
    }

    /// <summary>The page's line to the server: cut off or not, and the connection attempts refused meanwhile.</summary>
    private sealed class Line
    {
        public volatile bool CutOff;
        public int Refused;

        public TaskCompletionSource FourRefused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
