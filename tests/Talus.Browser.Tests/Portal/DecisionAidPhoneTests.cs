using Microsoft.EntityFrameworkCore;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using Talus.Web.Data;
using Talus.Web.Features.DecisionAid;
using Talus.Web.Features.Settings;

namespace Talus.Browser.Tests.Portal;

/// <summary>
/// Issue 12: the patient's decision aid readable on a phone (390×844), in English and Spanish: the page at most a third
/// of its height before the phone layout, every chart text at least 12 CSS px as rendered, the chart not wider than the
/// screen, no internal code or version string, and no serious or critical axe-core violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DecisionAidPhoneTests(BrowserApp browser)
{
    // document.documentElement.scrollHeight of /portal/decision-aid at 390×844 before the phone layout (demo patient,
    // every option as a closed section except the chosen one, chart drawn 740 units wide and scrolling sideways):
    // English 4189 px, Spanish 4410 px.
    private const int BeforeEnglish = 4189, BeforeSpanish = 4410;

    [Fact]
    public async Task PortalDecisionAid_OnAPhoneInEnglishAndSpanish_IsAThirdAsLongWithReadableChart()
    {
        var page = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(page, "patient@talus.example");
        await page.GotoAsync("/portal");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).First.ClickAsync();
        var english = await MeasureAsync(page, "decision-aid-phone-en");

        // The same patient shown the aid again in Spanish: the portal then shows the Spanish copy.
        // The browser tests share one app: the Spanish copy is removed at the end, so the English copy is the latest again.
        var spanishCopy = await ShowInSpanishAsync();
        (int Height, List<string> Problems) spanish;
        try
        {
            await page.GotoAsync("/portal");
            await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).First.ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
            spanish = await MeasureAsync(page, "decision-aid-phone-es");
            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).First.ClickAsync();
        }
        finally
        {
            await browser.App.WithDbAsync(db => db.DecisionAids.Where(r => r.Id == spanishCopy).ExecuteDeleteAsync());
        }

        var problems = english.Problems.Concat(spanish.Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(english.Height * 3 <= BeforeEnglish, $"English page is {english.Height} px, more than a third of {BeforeEnglish}");
        Assert.True(spanish.Height * 3 <= BeforeSpanish, $"Spanish page is {spanish.Height} px, more than a third of {BeforeSpanish}");
    }

    private async Task<(int Height, List<string> Problems)> MeasureAsync(IPage page, string screenshot)
    {
        var problems = await AxeWalk.CheckAsync(page, ["/portal/decision-aid"]);
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        // The chart is one tap away, and opens from the keyboard.
        var chartSection = page.Locator("details:has(.options-chart)");
        Assert.False(await chartSection.EvaluateAsync<bool>("d => d.open"), "the chart section starts closed");
        await chartSection.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await chartSection.EvaluateAsync<bool>("d => d.open"), "Enter opens the chart section");
        // Rendered size of every text in the chart: SVG text scaled by its drawing, HTML text as computed.
        var small = await page.EvaluateAsync<string[]>("""
            () => {
                const out = [];
                for (const el of document.querySelectorAll('.options-chart *')) {
                    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                    if (!own || el.closest('title, desc')) continue;
                    const scale = el instanceof SVGElement ? (el.getScreenCTM()?.a ?? 1) : 1;
                    const px = parseFloat(getComputedStyle(el).fontSize) * scale;
                    if (px < 12) out.push(`${el.textContent.trim()}: ${px.toFixed(1)} px`);
                }
                const chart = document.querySelector('.options-chart');
                if (!chart) out.push('no chart');
                else if (chart.getBoundingClientRect().right > window.innerWidth + 1 || chart.scrollWidth > chart.clientWidth + 1)
                    out.push(`chart wider than the screen: ${chart.scrollWidth} > ${chart.clientWidth}`);
                return out;
            }
            """);
        problems.AddRange(small.Select(s => $"{screenshot}: chart text {s}"));
        var text = await page.InnerTextAsync("main");
        problems.AddRange(new[] { "§", "SPEC", "decision-aid 1.0", "v0.1", "Talus" }.Where(c => text.Contains(c, StringComparison.Ordinal))
            .Select(c => $"{screenshot}: shows \"{c}\""));
        await browser.ScreenshotAsync(page, screenshot);
        return (height, problems);
    }

    private async Task<Guid> ShowInSpanishAsync()
    {
        var demo = await browser.App.DemoPatientAsync();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("es-US");
        try
        {
            await using var scope = browser.App.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var shown = await BuildDecisionAid.MarkShownAsync(demo.Id, new MarkShownRequest { ChosenOption = "bmac" }, "clinician@talus.example",
                sp.GetRequiredService<ClinicDb>(), sp.GetRequiredService<PracticeSettings>(), sp.GetRequiredService<IStringLocalizer<Talus.Web.PatientText>>(),
                sp.GetRequiredService<TimeProvider>(), null, CancellationToken.None);
            Assert.NotNull(shown.Value);
            return shown.Value.Id;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
