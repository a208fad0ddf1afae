using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests.Scheduling;

[Collection(BrowserCollection.Name)]
public sealed class SchedulingBrowserTests(BrowserApp browser)
{
    [Fact]
    public async Task FrontDesk_BooksProcedureEpisode_SeesWholeSeries()
    {
        var patient = await browser.App.DemoPatientAsync();
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "frontdesk@talus.example");

        // The demo day view is busy on first start.
        await page.GetByRole(AriaRole.Link, new() { Name = "Schedule", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Schedule");
        Assert.True(await page.Locator("td.appt").CountAsync() > 3);
        await browser.ScreenshotAsync(page, "schedule-day");

        await page.GotoAsync($"/patients/{patient.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book appointment" }).ClickAsync();
        await page.GetByLabel("Appointment type").SelectOptionAsync("procedure");
        await page.GetByLabel("Location").SelectOptionAsync(new SelectOptionValue { Label = "Irvine" });
        // The demo patient's NSAID washout clears on 2026-11-28 (SPEC §2.4): the procedure gate refuses earlier days.
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find times" }).ClickAsync();
        await Expect(page.GetByLabel("Also book the protocol follow-ups (safety call, V1–V6)")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Book ") }).First.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked 8 appointments");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, NameRegex = new System.Text.RegularExpressions.Regex("^Procedure, ") })).ToBeVisibleAsync();
        var series = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Safety call" });
        await Expect(series.GetByRole(AriaRole.Row)).ToHaveCountAsync(9);
        await browser.ScreenshotAsync(page, "episode-booked");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Patient_BooksConsultationInPortal_SeesItListed()
    {
        var page = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(page, "patient@talus.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Appointments" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your appointments");
        var before = await page.GetByRole(AriaRole.Link, new() { Name = "Add to calendar" }).CountAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Book a consultation" }).ClickAsync();
        await page.GetByLabel("Which clinic?").SelectOptionAsync(new SelectOptionValue { Label = "Long Beach — Long Beach" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show free times" }).ClickAsync();
        var first = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Book .* at Long Beach$") }).First;
        await browser.ScreenshotAsync(page, "portal-times");
        await first.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your appointment is booked.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add to calendar" })).ToHaveCountAsync(before + 1);
        await browser.ScreenshotAsync(page, "portal-booked");
        await page.Context.CloseAsync();
    }
}
