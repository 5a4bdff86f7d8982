using GameServer.Accounts;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GameServer.Tests.WebClient;

/// <summary>
/// A real server in-process for each test and the dashboard at <c>/admin</c> in Chromium, logged in
/// through its form. Assertions wait up to 15 s: the machine is shared with other builds.
/// </summary>
public abstract class AdminDashboardFixture : BrowserFixture
{
    protected InProcessServer Server { get; private set; } = null!;

    /// <summary>The name the last <see cref="OpenAdminAsync"/> logged in with.</summary>
    protected string AdminName { get; private set; } = "";

    /// <summary>Settings for the server, as on its command line; none by default.</summary>
    protected virtual string[] ServerSettings => [];

    /// <summary>Services the server is given in place of its own (a virtual clock), if any.</summary>
    protected virtual Action<IServiceCollection>? ServerServices => null;

    [SetUp]
    public async Task StartServer()
    {
        SetDefaultExpectTimeout(15_000);
        Server = ServerServices is { } services
            ? await InProcessServer.StartAsync(services, ServerSettings)
            : await InProcessServer.StartAsync(ServerSettings);
    }

    /// <summary>A picture of the page, full length, in the test's output.</summary>
    protected static async Task AttachScreenshotAsync(IPage page, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.MethodName}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, description);
    }

    /// <summary>How wide the document is against the window: more than the window is a sideways scroll.</summary>
    protected static async Task<(int ScrollWidth, int InnerWidth)> WidthsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }

    [TearDown]
    public async Task StopServer() => await Server.DisposeAsync();

    protected async Task<IPage> OpenAdminAsync(bool admin = true, string? tab = null)
    {
        var name = AdminName = Some.Username(admin ? "admin" : "player");
        var accounts = Server.Services.GetRequiredService<AccountService>();
        await accounts.RegisterAsync(name, Some.Password, client: null, isAdmin: admin);
        var page = await OpenPageAsync(new Uri(Server.HttpUri, "/admin"));
        page.SetDefaultTimeout(15_000);
        await page.FillAsync("#login-form input[name=username]", name);
        await page.FillAsync("#login-form input[name=password]", Some.Password);
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("#who")).ToHaveTextAsync(name);
        if (tab is not null)
        {
            await OpenTabAsync(page, tab);
        }

        return page;
    }

    /// <summary>Clicks the tab and waits until its panel shows.</summary>
    protected static async Task OpenTabAsync(IPage page, string tab)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ClickAsync($"[data-tab='{tab}']");
        await Expect(page.Locator($"[data-panel='{tab}']")).ToBeVisibleAsync();
    }

    /// <summary>Answers the page's in-page confirmation: its Cancel or its confirm button.</summary>
    protected static async Task AnswerConfirmationAsync(IPage page, bool confirm)
    {
        ArgumentNullException.ThrowIfNull(page);
        var dialog = page.Locator("#confirm-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator(confirm ? "#confirm-ok" : "button[value=cancel]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    /// <summary>
    /// Records the JSON-RPC calls the page sends and the answers it gets, from a reload on (the page's
    /// first socket opened before the test could listen; the reload resumes the session).
    /// </summary>
    protected static async Task<RpcFrames> CaptureFramesAsync(IPage page, string expectedUser)
    {
        ArgumentNullException.ThrowIfNull(page);
        var frames = new RpcFrames();
        page.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, frame) => frames.Sent(frame.Text);
            socket.FrameReceived += (_, frame) => frames.Received(frame.Text);
        };
        await page.ReloadAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync(expectedUser);
        return frames;
    }
}
