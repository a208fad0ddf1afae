using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

/// <summary>
/// The whole program for one new synthetic patient, each step taken by the role that takes it in the clinic: request,
/// registration, intake and baseline FAOS by link, consultation booking, evaluation, candidacy, decision aid, plan, consent
/// on the clinic tablet, procedure and after-care. New patients have no portal sign-in, so the consent is signed on the
/// clinic tablet and the after-care plan is handed over printed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FullJourneyTests(BrowserApp browser)
{
    private const string Given = "Adaeze";
    private const string Family = "Whitcombe";
    private const string Listed = Family + ", " + Given;

    [Fact]
    public async Task NewPatient_FromRequestToAfterCare_EveryRoleTakesItsStep()
    {
        var shot = 0;
        Task Screenshot(IPage page, string step) => browser.ScreenshotAsync(page, $"full-journey-{++shot:00}-{step}");

        // 1. An anonymous visitor on a phone asks for a consultation.
        var visitor = await browser.NewPageAsync(phone: true);
        await visitor.GotoAsync("/learn/request");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await visitor.GetByLabel("First name").FillAsync(Given);
        await visitor.GetByLabel("Last name").FillAsync(Family);
        await visitor.GetByLabel("Phone", new() { Exact = true }).FillAsync("(949) 555-0177");
        await visitor.GetByLabel("Which office suits you best?").SelectOptionAsync(new SelectOptionValue { Label = "Irvine" });
        await visitor.GetByLabel("Where does it hurt?").SelectOptionAsync("Ankle");
        await visitor.GetByLabel("Which side?").SelectOptionAsync("Left");
        await visitor.GetByLabel("You may contact me").CheckAsync();
        await Screenshot(visitor, "request-phone");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Thank you — we got your request" })).ToBeVisibleAsync();
        await Screenshot(visitor, "request-sent-phone");
        await visitor.Context.CloseAsync();

        // 2. The front desk opens the request from the worklist, registers the patient and sends an intake link.
        var desk = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(desk, "frontdesk@talus.example");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Open the worklist" }).ClickAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = Listed }).ClickAsync();
        await desk.GetByLabel("Birth date").FillAsync("1966-03-08");
        await desk.GetByLabel("Sex").SelectOptionAsync("Female");
        await Screenshot(desk, "register");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Register as patient" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Listed);
        var link = await JourneySteps.SendIntakeLinkAsync(desk, browser.App);
        Assert.Matches(@"/intake/[A-Za-z0-9_-]{40,}$", link);
        await Screenshot(desk, "intake-link");

        // 3. The patient answers the intake by the link on a phone: left ankle, two conservative treatments, no red flags.
        var patient = await browser.NewPageAsync(phone: true);
        await patient.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your health questions");
        await JourneySteps.ChooseAsync(patient, "Which joint bothers you most?", "Ankle");
        await JourneySteps.ChooseAsync(patient, "Which side?", "Left");
        await patient.GetByLabel("How many months has it hurt?").FillAsync("26");
        await patient.GetByLabel("For how many months have you tried treatments", new() { Exact = false }).FillAsync("12");
        var treatments = patient.GetByRole(AriaRole.Region, new() { Name = "Treatments you have tried", Exact = false });
        await treatments.GetByLabel("Treatment", new() { Exact = true }).First.SelectOptionAsync(new SelectOptionValue { Label = "Physical therapy" });
        await treatments.GetByRole(AriaRole.Button, new() { Name = "Add another row" }).ClickAsync();
        await treatments.GetByLabel("Treatment", new() { Exact = true }).Last.SelectOptionAsync(new SelectOptionValue { Label = "Brace" });
        await JourneySteps.AnswerHealthHistoryAsync(patient, averagePain: 6, feet: 5, inches: 6, pounds: 148);
        await Screenshot(patient, "intake-phone");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(patient.GetByText("Your answers were sent to your care team")).ToBeVisibleAsync();

        // 4. ... and the baseline FAOS, then says it is finished.
        await patient.GetByRole(AriaRole.Link, new() { Name = "Start: Foot and ankle questionnaire (FAOS)" }).ClickAsync();
        await JourneySteps.AnswerFaosAsync(browser, patient, $"full-journey-{++shot:00}-faos-phone");
        await Expect(patient.Locator("td.num").First).ToHaveTextAsync("75.0");
        await Screenshot(patient, "faos-scores-phone");
        await patient.GetByRole(AriaRole.Link, new() { Name = "Back to your forms" }).Last.ClickAsync();
        await patient.GetByRole(AriaRole.Button, new() { Name = "I am finished" }).ClickAsync();
        await Expect(patient.GetByText("Your care team has your answers")).ToBeVisibleAsync();
        await patient.Context.CloseAsync();

        // 5. The front desk books the consultation from the chart.
        await JourneySteps.OpenChartAsync(desk, Family, Given);
        await Expect(desk.GetByRole(AriaRole.Region, new() { Name = "Intake", Exact = true })).ToContainTextAsync("Submitted");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Book appointment" }).ClickAsync();
        await desk.GetByLabel("Appointment type").SelectOptionAsync("consultation");
        await desk.GetByLabel("Location").SelectOptionAsync(new SelectOptionValue { Label = "Irvine" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Find times" }).ClickAsync();
        await Screenshot(desk, "consultation-times");
        await desk.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Book .* at Irvine") }).First.ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Status)).ToHaveTextAsync("Booked 1 appointment.");
        await Screenshot(desk, "consultation-booked");
        await desk.Context.CloseAsync();

        // 6. The clinician examines the left ankle, records the X-ray grade (KL 2) and the pre-procedure labs.
        var clinician = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(clinician, "clinician@talus.example");
        await JourneySteps.OpenChartAsync(clinician, Family, Given);
        await clinician.GetByRole(AriaRole.Link, new() { Name = "All evaluations" }).ClickAsync();
        await clinician.GetByRole(AriaRole.Link, new() { Name = "New exam" }).ClickAsync();
        await JourneySteps.FillExamAsync(clinician, "Ankle", "Left", painNrs: 6, malalignmentDegrees: 3);
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Save exam" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "Exams (history kept, newest first)" })).ToBeVisibleAsync();

        await clinician.GetByRole(AriaRole.Link, new() { Name = "New imaging study" }).ClickAsync();
        await clinician.GetByLabel("Joint", new() { Exact = true }).SelectOptionAsync("Ankle");
        await clinician.GetByLabel("Side", new() { Exact = true }).SelectOptionAsync("Left");
        await clinician.GetByLabel("Grading system 1").SelectOptionAsync("KellgrenLawrence");
        await clinician.GetByLabel("Grade 1", new() { Exact = true }).FillAsync("2");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Save study" }).ClickAsync();
        await Expect(clinician.GetByText("KL 2")).ToBeVisibleAsync();

        foreach (var (loinc, value) in new[] { ("718-7", "13.4"), ("777-3", "245"), ("2160-0", "0.9"), ("1742-6", "22"), ("1920-8", "25"), ("6301-6", "1.0") })
        {
            await clinician.GetByRole(AriaRole.Link, new() { Name = "New lab result" }).ClickAsync();
            await clinician.GetByLabel("Test (LOINC)").SelectOptionAsync(loinc);
            await clinician.GetByLabel("Value").FillAsync(value);
            await clinician.GetByRole(AriaRole.Button, new() { Name = "Save result" }).ClickAsync();
            await Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "Exams (history kept, newest first)" })).ToBeVisibleAsync();
        }
        await Screenshot(clinician, "evaluation");

        // 7. The clinician runs the candidacy report; the verdict is shown.
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Candidacy" }).ClickAsync();
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Run candidacy" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "Verdict: Candidate" })).ToBeVisibleAsync();
        await Screenshot(clinician, "candidacy");

        // 8. The clinician goes through the decision aid with the patient; she leans towards BMAC.
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Decision aid" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "Your treatment options" })).ToBeVisibleAsync();
        await clinician.GetByLabel("Option the patient leans towards").SelectOptionAsync("bmac");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Mark shown to patient" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Name = "Shown to the patient" })).ToBeVisibleAsync();
        await Screenshot(clinician, "decision-aid");

        // 9. The clinician records the treatment plan: one BMAC injection of the left ankle, with the decision aid shown.
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Chart" }).First.ClickAsync();
        await clinician.GetByRole(AriaRole.Link, new() { Name = "New or changed plan" }).ClickAsync();
        await clinician.GetByLabel("Joint", new() { Exact = true }).SelectOptionAsync("Ankle");
        await clinician.GetByLabel("Side", new() { Exact = true }).SelectOptionAsync("Left");
        await clinician.GetByLabel("Injection product").SelectOptionAsync(new SelectOptionValue { Label = "Bone-marrow aspirate concentrate (BMAC)" });
        await clinician.GetByLabel("Planned injections").FillAsync("1");
        await clinician.GetByLabel("Decision aid shown").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await clinician.GetByLabel("Rationale").FillAsync("KL 2 left ankle after 12 months of physical therapy and bracing; chose BMAC after the decision aid.");
        await clinician.GetByLabel("Physical therapy").FillAsync("Home exercise programme, 6 weeks");
        await Screenshot(clinician, "plan");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        var plan = clinician.GetByRole(AriaRole.Region, new() { Name = "Plan", Exact = true });
        await Expect(plan).ToContainTextAsync("Bone-marrow aspirate concentrate (BMAC)");

        // 10. No portal sign-in for a new patient: the clinician prepares the consent and opens it on the clinic tablet,
        // where the patient reads it, initials each section, types her name and draws her signature with the mouse.
        var consent = clinician.GetByRole(AriaRole.Region, new() { Name = "Consent", Exact = true });
        await consent.GetByRole(AriaRole.Button, new() { Name = "Prepare consent for signature" }).ClickAsync();
        await clinician.GetByRole(AriaRole.Region, new() { Name = "Consent", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Sign on clinic tablet" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consent for your procedure");
        await JourneySteps.FillConsentAsync(clinician, $"{Given} {Family}", "AW");
        await Screenshot(clinician, "consent-tablet");
        await Expect(clinician.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToHaveCountAsync(0);
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Sign consent" }).ClickAsync();
        // Kiosk mode: the tablet thanks the patient and opens nothing else until a staff member signs in.
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Staff: sign in to leave" }).ClickAsync();
        await clinician.GetByLabel("Staff email").FillAsync("clinician@talus.example");
        await clinician.GetByLabel("Password").FillAsync(Talus.Web.Data.DemoData.Password);
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Sign in and leave" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Listed);
        await Expect(clinician.GetByRole(AriaRole.Region, new() { Name = "Consent", Exact = true })).ToContainTextAsync("valid for plan v1");
        await Screenshot(clinician, "consent-signed");

        // 11. The clinician records the procedure under the signed consent.
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Record procedure" }).ClickAsync();
        await Expect(clinician.GetByText("Signed consent for plan v1", new() { Exact = false })).ToBeVisibleAsync();
        await JourneySteps.FillProcedureAsync(clinician);
        await Screenshot(clinician, "procedure");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Record procedure" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Region, new() { Name = "Procedures", Exact = true })).ToContainTextAsync("Left ankle · Bone-marrow aspirate concentrate (BMAC)");

        // 12. The dated after-care plan is on the chart and on a printable page handed to the patient.
        var afterCare = clinician.GetByRole(AriaRole.Region, new() { Name = "After-care", Exact = true });
        await Expect(afterCare.GetByText("Keep the dressing where the cells were taken", new() { Exact = false })).ToBeVisibleAsync();
        await Screenshot(clinician, "chart-after-procedure");
        await afterCare.GetByRole(AriaRole.Link, new() { Name = "Print" }).ClickAsync();
        await Expect(clinician.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("After-care instructions");
        await Expect(clinician.GetByText("Do not run, jump or play impact sports", new() { Exact = false })).ToBeVisibleAsync();
        await Screenshot(clinician, "after-care-print");
        await clinician.Context.CloseAsync();
    }
}
