using Microsoft.Playwright;

namespace GameServer.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright cannot download its own browser here), one
/// browser per test class; on a failed test the open pages' screenshots go into the test output.
/// </summary>
public abstract class BrowserFixture
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright _playwright = null!;

    protected IBrowser Browser { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task LaunchBrowser()
    {
        Assert.That(File.Exists(ChromiumPath), Is.True, $"{ChromiumPath} is missing: ./test.sh installs Debian's chromium");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    [TearDown]
    public async Task ScreenshotOnFailure()
    {
        var failed = TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed;
        var index = 0;
        foreach (var context in _contexts)
        {
            foreach (var page in context.Pages)
            {
                if (failed)
                {
                    var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}-{index++}.png");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                    TestContext.AddTestAttachment(path, "page at failure");
                }
            }

            await context.DisposeAsync();
        }

        _contexts.Clear();
    }

    /// <summary>A fresh browser context (its own storage, like another person's browser) with one page open at <paramref name="url"/>.</summary>
    protected Task<IPage> OpenPageAsync(Uri url) =>
        OpenPageAsync(url, Desktop());

    /// <summary>As <see cref="OpenPageAsync(Uri)"/>, in a context made with <paramref name="options"/> (a phone's viewport and touch, a wide screen).</summary>
    protected Task<IPage> OpenPageAsync(Uri url, BrowserNewContextOptions options) => OpenPageAsync(url, options, prepare: null, going: null);

    /// <summary>As <see cref="OpenPageAsync(Uri)"/>, with <paramref name="prepare"/> run on the context first (routes that hold a request).</summary>
    protected Task<IPage> OpenPageAsync(Uri url, Func<IBrowserContext, Task> prepare, PageGotoOptions? going = null) =>
        OpenPageAsync(url, Desktop(), prepare, going);

    private static BrowserNewContextOptions Desktop() => new() { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } };

    private async Task<IPage> OpenPageAsync(Uri url, BrowserNewContextOptions options, Func<IBrowserContext, Task>? prepare, PageGotoOptions? going)
    {
        ArgumentNullException.ThrowIfNull(url);
        var context = await Browser.NewContextAsync(options);
        if (prepare is not null)
        {
            await prepare(context);
        }

        context.SetDefaultTimeout(10_000);

        // Loading the page and its modules has taken over 10 s on two cores shared with other builds.
        context.SetDefaultNavigationTimeout(30_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString(), going);
        return page;
    }

    /// <summary>Registers through the page's form and waits until the page shows the user logged in.</summary>
    protected static async Task RegisterAsync(IPage page, string username)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.FillAsync("#login-form input[name=username]", username);
        await page.FillAsync("#login-form input[name=password]", Some.Password);
        await page.ClickAsync("#login-form button[value=register]");

        // Registering hashes a password (PBKDF2) and writes the user: on two cores shared with other builds
        // and benchmarks (load average over 30) it has taken over 15 s, as loading the page has over 10 s.
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(username, new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
    }
}
