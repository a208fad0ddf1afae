using Microsoft.EntityFrameworkCore;
using Talus.Browser.Tests.Infrastructure;

namespace Talus.Browser.Tests.Homes;

/// <summary>
/// Issue 12: the chart laid out so no table is clipped at 1280–1920 px: for a patient with long data (name, email,
/// address, many records), every table's container is at least as wide as the table (scrollWidth ≤ clientWidth).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartWidthTests(BrowserApp browser)
{
    [Theory]
    [InlineData(1280)]
    [InlineData(1920)]
    public async Task Chart_PatientWithLongData_NoTableOverflowsItsContainer(int width)
    {
        var demo = await browser.App.DemoPatientAsync();
        // The browser tests share one app: the demo patient's name and address are put back at the end.
        var before = await browser.App.WithDbAsync(db => db.Patients.Where(p => p.Id == demo.Id).Select(p => new { p.FamilyName, p.AddressLine }).SingleAsync());
        await browser.App.WithDbAsync(db => db.Patients.Where(p => p.Id == demo.Id).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.FamilyName, "Delgado-Montenegro de la Vega y Santisteban")
            .SetProperty(p => p.AddressLine, "12345 Northwest Extraordinarily Long Boulevard Name, Building 7, Suite 1200")));
        string[] overflowing;
        try
        {
            var page = await browser.NewPageAsync();
            await page.SetViewportSizeAsync(width, 900);
            await BrowserApp.SignInAsync(page, "clinician@talus.example");
            await page.GotoAsync($"/patients/{demo.Id}");
            Assert.True(await page.Locator("main table").CountAsync() >= 3, "the chart shows the patient's records in tables");

            overflowing = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('main table')].map(t => {
                    const box = t.parentElement;
                    return box.scrollWidth > box.clientWidth + 1
                        ? `${t.closest('section')?.querySelector('h2,h3')?.textContent?.trim() ?? 'table'}: ${box.scrollWidth} > ${box.clientWidth}` : null;
                }).filter(x => x)
                """);

            await browser.ScreenshotAsync(page, $"chart-{width}");
        }
        finally
        {
            await browser.App.WithDbAsync(db => db.Patients.Where(p => p.Id == demo.Id).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.FamilyName, before.FamilyName).SetProperty(p => p.AddressLine, before.AddressLine)));
        }
        Assert.True(overflowing.Length == 0, string.Join("\n", overflowing));
    }
}
