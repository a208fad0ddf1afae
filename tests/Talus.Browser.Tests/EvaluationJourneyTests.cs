using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using Talus.Clinical;
using Talus.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class EvaluationJourneyTests(BrowserApp browser)
{
    /// <summary>A patient with a submitted intake and the lab panel, but no exam or imaging yet.</summary>
    private async Task<Guid> PatientWithIntakeAndLabsAsync()
    {
        var today = DateOnly.FromDateTime(browser.App.Clock.GetLocalNow().DateTime);
        var now = browser.App.Clock.GetUtcNow().UtcDateTime;
        return await browser.App.WithDbAsync(async db =>
        {
            var patient = new Patient
            {
                Mrn = "T9" + Random.Shared.Next(100_000, 999_999), GivenName = "Irene", FamilyName = "Okonkwo", BirthDate = new DateOnly(1963, 7, 2),
                Sex = Sex.Female, PreferredLanguage = "en", CreatedAt = now,
            };
            patient.NormalizeKeys();
            db.Patients.Add(patient);
            var intake = new Intake
            {
                PatientId = patient.Id, Status = RecordStatus.Submitted, EnteredBy = EnteredBy.Patient, TargetJoint = Joint.Ankle, TargetSide = Side.Right,
                SymptomDurationMonths = 30, ConservativeCareMonths = 12, PainNrsAverage = 6, PainNrsWorst = 8, Smoking = SmokingStatus.Never,
                HeightCm = 160m, WeightKg = 66m, Diabetic = false, KnownCoagulopathy = false, PlateletDysfunction = false, InflammatoryArthritis = false,
                ActiveMalignancy = false, HematologicOrBoneMalignancy = false, MalignancyHistory = false, PregnantOrBreastfeeding = false,
                CanCompleteFollowUp = true, StartedAt = now, UpdatedAt = now, SubmittedAt = now,
            };
            intake.PriorTreatments.Add(new PriorTreatment { PatientId = patient.Id, IntakeId = intake.Id, Kind = PriorTreatmentKind.PhysicalTherapy, StartedOn = today.AddMonths(-12) });
            intake.PriorTreatments.Add(new PriorTreatment { PatientId = patient.Id, IntakeId = intake.Id, Kind = PriorTreatmentKind.Bracing, StartedOn = today.AddMonths(-10) });
            db.Intakes.Add(intake);
            foreach (var (loinc, name, value, unit) in new[] { ("718-7", "Hemoglobin", 13.1m, "g/dL"), ("777-3", "Platelets", 230m, "10*3/uL"), ("2160-0", "Creatinine", 0.8m, "mg/dL"),
                ("1742-6", "ALT", 20m, "IU/L"), ("1920-8", "AST", 24m, "IU/L"), ("6301-6", "INR", 1.0m, "{INR}") })
            {
                db.LabResults.Add(new LabResult { PatientId = patient.Id, Loinc = loinc, Name = name, Value = value, Unit = unit, CollectedOn = today.AddDays(-2), RecordedAt = now });
            }
            await db.SaveChangesAsync();
            return patient.Id;
        });
    }

    [Fact]
    public async Task Clinician_RecordsExamAndKlGrade_RunsCandidacy_Overrides_AndMarksTheDecisionAidShown()
    {
        var id = await PatientWithIntakeAndLabsAsync();
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "clinician@talus.example");

        // Exam of the right ankle.
        await page.GotoAsync($"/patients/{id}/evaluations/new");
        await JourneySteps.FillExamAsync(page, "Ankle", "Right", painNrs: 7, malalignmentDegrees: 4);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save exam" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exams (history kept, newest first)" })).ToBeVisibleAsync();

        // The imaging form refuses a wrong system for the joint, then takes a KL grade.
        await page.GotoAsync($"/patients/{id}/evaluations/imaging/new");
        await page.GetByLabel("Joint", new() { Exact = true }).SelectOptionAsync("FirstMtp");
        await page.GetByLabel("Side", new() { Exact = true }).SelectOptionAsync("Right");
        await page.GetByLabel("Grading system 1").SelectOptionAsync("Takakura");
        await page.GetByLabel("Grade 1", new() { Exact = true }).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save study" }).ClickAsync();
        await Expect(page.Locator("div.validation-message").GetByText("Takakura staging applies to the tibiotalar (ankle) joint only", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByLabel("Joint", new() { Exact = true }).SelectOptionAsync("Ankle");
        await page.GetByLabel("Grading system 1").SelectOptionAsync("KellgrenLawrence");
        await page.GetByLabel("Grade 1", new() { Exact = true }).FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save study" }).ClickAsync();
        await Expect(page.GetByText("KL 4")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "evaluation-history");

        // Candidacy: end-stage joint → not recommended.
        await page.GetByRole(AriaRole.Link, new() { Name = "Candidacy" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run candidacy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verdict: Not recommended" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "B4", Exact = true })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "candidacy-report");

        // Override: refused without a reason, kept with one.
        await page.GetByRole(AriaRole.Button, new() { Name = "Override" }).ClickAsync();
        await Expect(page.Locator("div.validation-message").GetByText("An override needs the physician's documented reason.")).ToBeVisibleAsync();
        await page.GetByLabel("Reason for override").FillAsync("Declines fusion after discussing lower expected benefit; wants to try one injection.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Override" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verdict: Candidate" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Declines fusion after discussing")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "candidacy-overridden");

        // Decision aid: options side by side, shown to the patient with the option she leans towards.
        await page.GetByRole(AriaRole.Link, new() { Name = "Decision aid" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your treatment options" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Randomized trials have not shown cell injections to be better than a steroid or saline injection.").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Out of 100 people like you choosing Bone marrow cell injection (BMAC), at 12 months" })).ToBeVisibleAsync();
        await page.GetByLabel("Option the patient leans towards").SelectOptionAsync("bmac");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark shown to patient" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shown to the patient" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "decision-aid");

        var record = await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.DecisionAids, r => r.PatientId == id));
        Assert.Equal("bmac", record.ChosenOption);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Patient_SeesTheDecisionAidOnAPhone()
    {
        var page = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(page, "patient@talus.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your treatment options" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your treatment options");
        await Expect(page.GetByText("Randomized trials have not shown cell injections").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "portal-decision-aid");
        await page.Context.CloseAsync();
    }
}
