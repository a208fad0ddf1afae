using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ConsentJourneyTests(BrowserApp browser)
{
    [Fact]
    public async Task Patient_SignsConsentOnPhone_ClinicianRecordsProcedure_PatientSeesAfterCare()
    {
        var patient = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(patient, "patient@talus.example");
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Your treatment plan" })).ToBeVisibleAsync();
        await patient.GetByRole(AriaRole.Link, new() { Name = "Read and sign the consent" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consent for your procedure");
        await Expect(patient.GetByText("THIS NOTICE MUST BE PROVIDED TO YOU UNDER CALIFORNIA LAW.", new() { Exact = false })).ToBeVisibleAsync();

        await JourneySteps.FillConsentAsync(patient, "Rosa Delgado", "RD");
        await browser.ScreenshotAsync(patient, "consent-sign-phone");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Sign consent" }).ClickAsync();
        await Expect(patient.GetByText("You signed the consent for your right ankle", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(patient.GetByRole(AriaRole.Link, new() { Name = "Download your signed consent (PDF)" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(patient, "consent-signed-portal");

        var clinician = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(clinician, "clinician@talus.example");
        var rosa = await browser.App.DemoPatientAsync();
        // The demo intake has naproxen 3 days ago (SPEC §2.4 washout: 7 days), so the procedure gate refuses today. At the
        // visit she says she stopped it 8 days ago: the record is corrected and the candidacy assessment run again.
        await browser.App.WithDbAsync(async db =>
        {
            var naproxen = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Medications, m => m.PatientId == rosa.Id && m.Name == "Naproxen");
            naproxen.LastDoseOn = Talus.Web.Shared.PracticeClock.Today(browser.App.Clock).AddDays(-8);
            await db.SaveChangesAsync();
            var services = (IServiceProvider)browser.App.Services;
            var assessed = await Talus.Web.Features.Candidacy.AssessCandidacy.RunAsync(rosa.Id, new(), "clinician@talus.example", db,
                (Talus.Web.Features.Settings.PracticeSettings)services.GetService(typeof(Talus.Web.Features.Settings.PracticeSettings))!, browser.App.Clock, default);
            Assert.Equal(Talus.Clinical.CandidacyVerdict.Candidate, assessed.Value!.Verdict);
            return 0;
        });
        await clinician.GotoAsync($"/patients/{rosa.Id}");
        await Expect(clinician.GetByText("valid for plan v1", new() { Exact = false })).ToBeVisibleAsync();
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Record procedure" }).ClickAsync();
        await JourneySteps.FillProcedureAsync(clinician);
        await browser.ScreenshotAsync(clinician, "procedure-record");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Record procedure" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "After-care" })).ToBeVisibleAsync();
        await Expect(clinician.GetByText("Keep the dressing where the cells were taken", new() { Exact = false })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(clinician, "chart-after-procedure");

        await patient.GotoAsync("/portal");
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "After-care instructions" })).ToBeVisibleAsync();
        await Expect(patient.GetByText("Do not run, jump or play impact sports", new() { Exact = false })).ToBeVisibleAsync();
        await patient.GetByRole(AriaRole.Link, new() { Name = "Print these instructions" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("After-care instructions");
        await browser.ScreenshotAsync(patient, "aftercare-phone");
        await patient.Context.CloseAsync();
        await clinician.Context.CloseAsync();
    }
}
