using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using Talus.Web.Data;
using Talus.Web.Tests.Language;

namespace Talus.Browser.Tests;

/// <summary>
/// Issue 12: the public pages, the consultation request and the patient portal in Spanish on a phone (390×844):
/// no serious or critical axe-core violation, and no English sentence, enum name or internal code on any of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SpanishPhoneTests(BrowserApp browser)
{
    [Fact]
    public async Task PublicPages_SpanishOnAPhone_HaveNoSeriousViolationsAndNoEnglish()
    {
        var page = await browser.NewPageAsync(phone: true);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        var problems = await AxeWalk.CheckAsync(page, SpanishPageCheck.PublicPages, NotSpanishAsync);

        await browser.ScreenshotAsync(page, "spanish-phone-public");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task PortalPages_SpanishOnAPhone_HaveNoSeriousViolationsAndNoEnglish()
    {
        var demo = await browser.App.DemoPatientAsync();
        var consents = await browser.App.WithDbAsync(db => db.ConsentPackets.Where(c => c.PatientId == demo.Id).Select(c => c.Id).ToListAsync());
        var page = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(page, "patient@talus.example");
        await page.GotoAsync("/portal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        var problems = await AxeWalk.CheckAsync(page,
            SpanishPageCheck.PortalPages.Concat(consents.Select(id => $"/portal/consents/{id}")), NotSpanishAsync);

        await browser.ScreenshotAsync(page, "spanish-phone-portal");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task AxeWalk_UnlabelledField_IsReportedAsBlocking()
    {
        var page = await browser.NewPageAsync(phone: true);
        await page.SetContentAsync("<html lang=\"es\"><head><title>t</title></head><body><main><h1>t</h1><input type=\"text\"></main></body></html>");

        var violations = await AxeWalk.ViolationsAsync(page);

        Assert.Contains(violations, v => v.StartsWith("critical label", StringComparison.Ordinal));
    }

    private static async Task<IEnumerable<string>> NotSpanishAsync(IPage page, string path) =>
        SpanishPageCheck.Problems(await page.ContentAsync());
}
