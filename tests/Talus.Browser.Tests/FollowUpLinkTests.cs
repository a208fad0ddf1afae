using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FollowUpLinkTests(BrowserApp browser)
{
    [Fact]
    public async Task Patient_OpensTheFollowUpLinkOnAPhone_FillsFaos_SeesTheThanks_AndTheClinicianSeesTheNewPoint()
    {
        // A demo patient treated in the demo data, with an unanswered follow-up visit whose set is FAOS.
        var (patientId, visitId, visit, family, given, birthDate) = await browser.App.WithDbAsync(async db =>
        {
            // ... at an office where the demo clinician works, so the clinician may open the chart.
            var userId = await db.Users.Where(u => u.Email == "clinician@talus.example").Select(u => u.Id).SingleAsync();
            var offices = await db.StaffLocations.Where(l => db.Staff.Any(s => s.Id == l.StaffMemberId && s.UserId == userId)).Select(l => l.LocationId).ToListAsync();
            var v = await db.FollowUpVisits.Where(x => x.Status != FollowUpStatus.Completed && x.Visit >= Talus.Clinical.FollowUp.ProgramVisit.V2
                    && db.Patients.Any(p => p.Id == x.PatientId && p.PreferredLocationId != null && offices.Contains(p.PreferredLocationId.Value)))
                .OrderBy(x => x.TargetDate).FirstAsync();
            (v.Questionnaires, v.Status) = ("Faos", FollowUpStatus.Open);
            await db.SaveChangesAsync();
            var p = await db.Patients.SingleAsync(x => x.Id == v.PatientId);
            return (p.Id, v.Id, v.Visit, p.FamilyName, p.GivenName, p.BirthDate);
        });
        // The link the invitation email would carry (as the front desk's "Create a new link" makes it).
        var path = await browser.App.WithDbAsync(async db =>
        {
            var link = (await FollowUpLinks.CreateAsync(patientId, visitId, 14, "frontdesk@talus.example", db, browser.App.Clock.GetUtcNow().UtcDateTime, default)).Value!;
            await db.SaveChangesAsync();
            return link.Path;
        });

        var patient = await browser.NewPageAsync(phone: true);
        await patient.GotoAsync(path);
        await Expect(patient.GetByText("please confirm your date of birth first")).ToBeVisibleAsync();
        await Expect(patient.GetByText(family)).ToHaveCountAsync(0);
        await patient.GetByLabel("Date of birth").FillAsync(birthDate.ToString("yyyy-MM-dd"));
        await patient.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await patient.GetByRole(AriaRole.Link, new() { Name = "Start: Foot and ankle questionnaire (FAOS)" }).ClickAsync();
        await JourneySteps.AnswerFaosAsync(browser, patient, "followup-1-faos-phone");
        await patient.GetByRole(AriaRole.Link, new() { Name = "Back to the list" }).First.ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(patient, "followup-2-thanks-phone");
        await patient.Context.CloseAsync();

        var clinician = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(clinician, "clinician@talus.example");
        await clinician.GotoAsync($"/patients/{patientId}");
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{family}, {given}");
        var faosPain = clinician.GetByRole(AriaRole.Table, new() { Name = "Foot and Ankle Outcome Score (FAOS) Pain" });
        await Expect(faosPain.GetByRole(AriaRole.Cell, new() { Name = $"{visit} (day", Exact = false }).Last).ToBeVisibleAsync();
        await browser.ScreenshotAsync(clinician, "followup-3-chart");
    }
}
