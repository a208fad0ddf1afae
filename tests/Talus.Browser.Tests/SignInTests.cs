using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using Talus.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserApp browser)
{
    public static TheoryData<string, string, string> Homes() => new()
    {
        { Roles.FrontDesk, "/frontdesk", "Front desk" },
        { Roles.Clinician, "/clinic", "Clinic" },
        { Roles.Billing, "/billing", "Billing" },
        { Roles.Admin, "/admin", "Administration" },
        { Roles.Outcomes, "/outcomes", "Outcomes registry" },
        { Roles.Patient, "/portal", "Welcome, Rosa" },
    };

    [Theory]
    [MemberData(nameof(Homes))]
    public async Task SignIn_EachRole_LandsOnItsHomePage(string role, string path, string heading)
    {
        var page = await browser.NewPageAsync(phone: role == Roles.Patient);
        await BrowserApp.SignInAsync(page, DemoData.SignIns.Single(s => s.Role == role).Email);
        Assert.EndsWith(path, new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await browser.ScreenshotAsync(page, $"home-{role.ToLowerInvariant()}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Patient_SeesOnlyOwnChart_AndStaffChartIsRefused()
    {
        var page = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(page, "patient@talus.example");
        var own = await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Patients, p => p.Mrn == "T1000001"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(own.GivenName);

        var other = await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .FirstAsync(db.Patients, p => p.Mrn != "T1000001"));
        await page.GotoAsync($"/patients/{other.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not available to your role");
        await Expect(page.GetByText(other.FamilyName + ", " + other.GivenName)).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsMessageAndStays()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync("billing@talus.example");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Email or password is wrong");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FrontDesk_SearchesAndRegistersAPatient_ThenSeesTheChart()
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "frontdesk@talus.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "New patient" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Patients" })).First.ClickAsync();
        await page.GotoAsync("/patients/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        await Expect(page.Locator("div.validation-message").GetByText("The Given name field is required.")).ToBeVisibleAsync();

        await page.GetByLabel("Given name").FillAsync("Marta");
        await page.GetByLabel("Family name").FillAsync("Zelaya");
        await page.GetByLabel("Birth date").FillAsync("1958-09-30");
        await page.GetByLabel("Sex").SelectOptionAsync("Female");
        await page.GetByLabel("Preferred language").SelectOptionAsync("es");
        await page.GetByLabel("Preferred location").SelectOptionAsync(new SelectOptionValue { Label = "Irvine" });
        await browser.ScreenshotAsync(page, "new-patient-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Zelaya, Marta");
        await browser.ScreenshotAsync(page, "chart-new-patient");

        await page.GotoAsync("/patients?q=zelaya");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Zelaya, Marta" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
