using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests.Homes;

/// <summary>Each role's home on Chromium with axe-core: no serious or critical accessibility violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleHomeTests(BrowserApp browser)
{
    [Theory]
    [InlineData("frontdesk@talus.example", "/frontdesk")]
    [InlineData("clinician@talus.example", "/clinic")]
    [InlineData("billing@talus.example", "/billing")]
    [InlineData("admin@talus.example", "/admin")]
    [InlineData("outcomes@talus.example", "/outcomes")]
    public async Task StaffHome_AxeCore_NoSeriousViolations(string email, string home)
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, email);
        await page.GotoAsync(home);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        var violations = await AxeCheck.SeriousAsync(page);
        await browser.ScreenshotAsync(page, "home" + home.Replace('/', '-'));
        await page.Context.CloseAsync();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [InlineData("en", "What to do now")]
    [InlineData("es", "Qué hacer ahora")]
    public async Task PortalHome_OnAPhone_InEachLanguage_NoSeriousViolations(string language, string todo)
    {
        var page = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(page, "patient@talus.example");
        await page.GotoAsync($"/language?c={language}&returnUrl=%2Fportal");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = todo })).ToBeVisibleAsync();

        var violations = await AxeCheck.SeriousAsync(page);
        await browser.ScreenshotAsync(page, $"portal-home-phone-{language}");
        var text = await page.Locator("main").InnerTextAsync();
        await page.Context.CloseAsync();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.DoesNotContain("T1000001", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrontDesk_ChecksInTodaysArrival_InOneClick()
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "frontdesk@talus.example");
        await page.GotoAsync("/frontdesk");
        var button = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Check in ") }).First;
        var name = (await button.GetAttributeAsync("aria-label"))!["Check in ".Length..];

        await button.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Checked in.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check in " + name, Exact = true })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(page, "frontdesk-checked-in");
        await page.Context.CloseAsync();
    }
}
