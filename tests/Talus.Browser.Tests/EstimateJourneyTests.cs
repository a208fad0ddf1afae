using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

/// <summary>
/// Capability 7, the estimate: the financial counselor finds the patient from the billing workspace, builds the estimate
/// from her plan and presents it; the patient reads it, with her payment options, on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EstimateJourneyTests(BrowserApp browser)
{
    [Fact]
    public async Task Counselor_BuildsAndPresentsTheEstimate_PatientReadsItOnAPhone()
    {
        var counselor = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(counselor, "billing@talus.example");
        await counselor.GotoAsync("/billing");
        await Expect(counselor.GetByRole(AriaRole.Heading, new() { Name = "Estimates awaiting the patient" })).ToBeVisibleAsync();
        await counselor.GetByLabel("Find a patient's estimate: name, birth date (YYYY-MM-DD) or MRN").FillAsync("Delgado");
        await counselor.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await counselor.GetByRole(AriaRole.Link, new() { Name = "Delgado, Rosa" }).First.ClickAsync();
        await Expect(counselor.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Estimate", Exact = true })).ToBeVisibleAsync();

        await counselor.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Build estimate:") }).First.ClickAsync();
        await Expect(counselor.GetByRole(AriaRole.Button, new() { Name = "Present to patient" })).ToBeVisibleAsync();
        await Expect(counselor.GetByText("Patient responsibility")).ToBeVisibleAsync();
        await Expect(counselor.GetByText(new Regex(@"NPI \d{10} · TIN \d{2}-\d{7}")).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(counselor, "estimate-1-draft");
        await counselor.GetByRole(AriaRole.Button, new() { Name = "Present to patient" }).ClickAsync();
        await Expect(counselor.GetByRole(AriaRole.Button, new() { Name = "Revise (new version)" })).ToBeVisibleAsync();
        await Expect(counselor.GetByText("This version was shown to the patient and does not change.")).ToBeVisibleAsync();
        await counselor.Context.CloseAsync();

        var patient = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(patient, "patient@talus.example");
        await patient.GotoAsync("/portal");
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Your cost estimate" })).ToBeVisibleAsync();
        await Expect(patient.GetByText(new Regex(@"^You pay: \$[\d,]+\.\d\d$")).First).ToBeVisibleAsync();
        await Expect(patient.GetByText("This is an estimate. Your final bill may be different.", new() { Exact = false }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(patient, "estimate-2-portal-phone");
        await patient.Context.CloseAsync();
    }
}
