using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

/// <summary>
/// Capabilities 1 and 3 end to end: a visitor reads about the program on a phone and asks for a consultation; the front
/// desk registers them from the worklist and sends an intake link; the patient completes intake and FAOS by link.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PatientJourneyTests(BrowserApp browser)
{
    [Fact]
    public async Task Visitor_RequestsConsultation_DeskRegisters_PatientCompletesIntakeAndFaosByLink()
    {
        // 1. A visitor on a phone reads the program information and asks for a consultation.
        var visitor = await browser.NewPageAsync(phone: true);
        await visitor.GotoAsync("/learn");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Stem cell injections for foot and ankle arthritis");
        await Expect(visitor.GetByText("Randomized trials have not shown cell injections")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(visitor, "journey-1-learn-phone");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Costs and insurance" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Your right to a Good Faith Estimate" })).ToBeVisibleAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Request a consultation" }).First.ClickAsync();

        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(visitor.GetByText("Please tell us your first name.")).ToBeVisibleAsync();
        await Expect(visitor.GetByText("Please give a phone number or an email address")).ToBeVisibleAsync();
        await visitor.GetByLabel("First name").FillAsync("Octavia");
        await visitor.GetByLabel("Last name").FillAsync("Benavides");
        await visitor.GetByLabel("Phone", new() { Exact = true }).FillAsync("(949) 555-0142");
        await visitor.GetByLabel("Which office suits you best?").SelectOptionAsync(new SelectOptionValue { Label = "Irvine" });
        await visitor.GetByLabel("Where does it hurt?").SelectOptionAsync("Ankle");
        await visitor.GetByLabel("Which side?").SelectOptionAsync("Right");
        await visitor.GetByLabel("You may contact me").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send my request" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Thank you — we got your request" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(visitor, "journey-2-request-sent-phone");
        await visitor.Context.CloseAsync();

        // 2. The front desk sees it in the worklist, registers the patient and creates an intake link.
        var desk = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(desk, "frontdesk@talus.example");
        await Expect(desk.GetByText(new Regex(@"\d+ open requests? (is|are) waiting"))).ToBeVisibleAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = "Open the worklist" }).ClickAsync();
        await browser.ScreenshotAsync(desk, "journey-3-worklist");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Benavides, Octavia" }).ClickAsync();
        await desk.GetByLabel("Birth date").FillAsync("1961-07-19");
        await desk.GetByLabel("Sex").SelectOptionAsync("Female");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Register as patient" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Benavides, Octavia");
        var link = await JourneySteps.SendIntakeLinkAsync(desk, browser.App);
        Assert.Matches(@"/intake/[A-Za-z0-9_-]{40,}$", link);
        await desk.Context.CloseAsync();

        // 3. The patient opens the link on a phone, saves part of the intake, comes back, and sends it.
        var patient = await browser.NewPageAsync(phone: true);
        await patient.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your health questions");
        await Expect(patient.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveCountAsync(0);
        await JourneySteps.ChooseAsync(patient, "Which joint bothers you most?", "Ankle");
        await JourneySteps.ChooseAsync(patient, "Which side?", "Right");
        await patient.GetByLabel("How many months has it hurt?").FillAsync("20");
        await patient.GetByLabel("Medicine name").First.FillAsync("Warfarin");
        await patient.GetByLabel("What kind of medicine is it?").First.SelectOptionAsync("Anticoagulant");
        await patient.GetByLabel("I still take it").First.CheckAsync();
        await patient.GetByRole(AriaRole.Button, new() { Name = "Save and finish later" }).ClickAsync();
        await Expect(patient.GetByText("Your answers are saved")).ToBeVisibleAsync();

        await patient.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(patient.GetByLabel("Medicine name").First).ToHaveValueAsync("Warfarin");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(patient.Locator(".validation-message").GetByText("Please answer yes or no.").First).ToBeVisibleAsync();

        await JourneySteps.AnswerHealthHistoryAsync(patient, averagePain: 6, feet: 5, inches: 4, pounds: 150);
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(patient.GetByText("Your answers were sent to your care team")).ToBeVisibleAsync();
        await Expect(patient.GetByRole(AriaRole.Link, new() { Name = "View", Exact = true })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(patient, "journey-4-intake-sent-phone");

        // 4. The FAOS, rendered from the instrument definition, answered on the phone and scored.
        await patient.GetByRole(AriaRole.Link, new() { Name = "Start: Foot and ankle questionnaire (FAOS)" }).ClickAsync();
        await JourneySteps.AnswerFaosAsync(browser, patient, "journey-5-faos-phone");
        // S1-S7 and P1-P9 answered 1 → 75.0; the rest answered 2 → 50.0 (SPEC §3.1).
        await Expect(patient.Locator("td.num").First).ToHaveTextAsync("75.0");
        await Expect(patient.Locator("td.num").Nth(4)).ToHaveTextAsync("50.0");
        await browser.ScreenshotAsync(patient, "journey-6-faos-scores-phone");

        await patient.GetByRole(AriaRole.Link, new() { Name = "Back to your forms" }).Last.ClickAsync();
        await patient.GetByRole(AriaRole.Button, new() { Name = "I am finished" }).ClickAsync();
        await Expect(patient.GetByText("Your care team has your answers")).ToBeVisibleAsync();
        await patient.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("These forms are already done");
        await patient.Context.CloseAsync();
    }
}
