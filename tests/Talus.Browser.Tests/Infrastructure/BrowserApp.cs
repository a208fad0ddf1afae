using Microsoft.Playwright;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;

namespace Talus.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a random local port) with its demo practice, and Debian's Chromium driven by Playwright.
/// Screenshots go to $ARTIFACTS/screenshots (or the test output folder).
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

    public TalusApp App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public string ScreenshotDir { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts"), "screenshots");
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        Assertions.SetDefaultExpectTimeout(15_000);
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (own cookies) at a desktop or phone size.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1366, Height = 900 },
            IsMobile = phone,
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        // Generous: CI machines are small and shared; a slow first render must not read as a failure.
        page.SetDefaultTimeout(30_000);
        return page;
    }

    private static readonly System.Text.RegularExpressions.Regex SignInAddress = new("/signin");

    /// <summary>Signs in through the sign-in page, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = DemoData.Password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Until the page has left the sign-in page; what the test looks for next waits for its own elements. Not
        // WaitForURLAsync: when the redirect has already committed, it waits for the page's load event whatever WaitUntil
        // says, and that timed out now and then on a loaded machine. The assertion only polls the address.
        await Assertions.Expect(page).Not.ToHaveURLAsync(SignInAddress, new() { Timeout = 30_000 });
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
