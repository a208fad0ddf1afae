using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests.Infrastructure;

/// <summary>
/// Steps of the patient journey that several browser tests take the same way: answering patient forms, opening a chart,
/// drawing a signature, filling the exam, consent and procedure forms. Each finds fields by role and label like a person.
/// </summary>
public static class JourneySteps
{
    /// <summary>
    /// Sends the intake link from the open chart as the front desk does: by email through the outbox (the link is read
    /// from the queued email), or, for a patient without an email address, as a one-time link shown to copy.
    /// </summary>
    public static async Task<string> SendIntakeLinkAsync(IPage desk, Talus.Web.Tests.Infrastructure.TalusApp app)
    {
        var patientId = Guid.Parse(Regex.Match(desk.Url, "/patients/([0-9a-f-]{36})").Groups[1].Value);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Email intake link" }).ClickAsync();
        var emailed = desk.GetByText("Intake link emailed to");
        await Expect(emailed.Or(desk.GetByText("The patient has no email address"))).ToBeVisibleAsync();
        if (!await emailed.IsVisibleAsync())
        {
            await desk.GetByRole(AriaRole.Button, new() { Name = "Show a one-time link instead" }).ClickAsync();
            return await desk.GetByLabel("Intake link").InputValueAsync();
        }
        var body = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Outbox.Where(m => m.PatientId == patientId).OrderByDescending(m => m.CreatedAt).Select(m => m.Body)));
        return Regex.Match(body, @"https?://\S+/intake/[A-Za-z0-9_-]+").Value;
    }

    /// <summary>Ticks one answer of a radio-button question (a group named by the question).</summary>
    public static Task ChooseAsync(IPage page, string question, string answer) =>
        page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel(answer, new() { Exact = true }).CheckAsync();

    /// <summary>The health history, lifestyle and size questions of the intake, answered "no" to every condition.</summary>
    public static async Task AnswerHealthHistoryAsync(IPage patient, int averagePain, int feet, int inches, int pounds)
    {
        await ChooseAsync(patient, "Over the last week, how bad was the pain on average?", averagePain.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var question in new[]
        {
            "Do you have diabetes?", "bleeding or clotting disorder", "platelets are very low", "inflammatory arthritis",
            "Do you have cancer now", "blood cancer", "Have you had cancer in the past?", "pregnant or breastfeeding",
            "fever or been sick", "Can you come back for check-ups",
        })
        {
            await ChooseAsync(patient, question, question.StartsWith("Can you", StringComparison.Ordinal) ? "Yes" : "No");
        }
        await ChooseAsync(patient, "How active are you", "Light (short walks, housework)");
        await ChooseAsync(patient, "Do you smoke", "Never");
        await patient.GetByLabel("Feet").FillAsync(feet.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await patient.GetByLabel("Inches").FillAsync(inches.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await patient.GetByLabel("Weight (pounds)").FillAsync(pounds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Answers the 42 FAOS items shown as rendered from the instrument definition: the first 16 (S1–S7, P1–P9) with the
    /// second choice, the rest with the third, then sends them.
    /// </summary>
    public static async Task AnswerFaosAsync(BrowserApp browser, IPage patient, string screenshot)
    {
        var items = patient.Locator("fieldset.item");
        await Expect(items).ToHaveCountAsync(42);
        await browser.ScreenshotAsync(patient, screenshot);
        for (var i = 0; i < 42; i++)
        {
            await items.Nth(i).Locator("label.choice").Nth(i < 16 ? 1 : 2).ClickAsync();
        }
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(patient.GetByText("Your answers were sent on")).ToBeVisibleAsync();
    }

    /// <summary>Finds a patient on the Patients page by name and opens the chart, as staff do at the desk.</summary>
    public static async Task OpenChartAsync(IPage staff, string familyName, string givenName)
    {
        await staff.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Patients", Exact = true }).ClickAsync();
        await staff.GetByLabel("Name, birth date (YYYY-MM-DD) or MRN").FillAsync($"{familyName}, {givenName}");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = $"{familyName}, {givenName}", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{familyName}, {givenName}");
    }

    /// <summary>Fills the exam form of a joint with no red flags and a patient able to consent.</summary>
    public static async Task FillExamAsync(IPage clinician, string joint, string side, int painNrs, int malalignmentDegrees)
    {
        await clinician.GetByLabel("Joint", new() { Exact = true }).SelectOptionAsync(joint);
        await clinician.GetByLabel("Side", new() { Exact = true }).SelectOptionAsync(side);
        await clinician.GetByLabel("Pain NRS (0–10)").FillAsync(painNrs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clinician.GetByLabel("Malalignment (degrees)").FillAsync(malalignmentDegrees.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clinician.GetByLabel("Instability", new() { Exact = true }).SelectOptionAsync("false");
        await clinician.GetByLabel("Mechanical symptoms or loose bodies").SelectOptionAsync("false");
        await clinician.GetByLabel("Infection at the injection or harvest site").SelectOptionAsync("false");
        await clinician.GetByLabel("Haemodynamic instability").SelectOptionAsync("false");
        await clinician.GetByLabel("Able to give informed consent").SelectOptionAsync("true");
    }

    /// <summary>Initials every section, types the full name, ticks the agreement and draws a signature (not yet sent).</summary>
    public static async Task FillConsentAsync(IPage page, string fullName, string initials)
    {
        var boxes = page.GetByLabel(new Regex("^Your initials for section"));
        var count = await boxes.CountAsync();
        Assert.True(count > 0, "The consent has sections to initial.");
        for (var i = 0; i < count; i++)
        {
            await boxes.Nth(i).FillAsync(initials);
        }
        await page.GetByLabel("Your full name").FillAsync(fullName);
        await page.GetByLabel("I have read this consent", new() { Exact = false }).CheckAsync();
        await DrawSignatureAsync(page);
    }

    /// <summary>Draws a zig-zag signature on the signature pad with the mouse.</summary>
    public static async Task DrawSignatureAsync(IPage page)
    {
        var pad = page.GetByRole(AriaRole.Img, new() { Name = "Draw your signature (optional)" });
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + (box.Height * 0.7f));
        await page.Mouse.DownAsync();
        for (var step = 1; step <= 12; step++)
        {
            await page.Mouse.MoveAsync(box.X + 20 + (step * box.Width / 16), box.Y + (box.Height * (step % 2 == 0 ? 0.3f : 0.7f)));
        }
        await page.Mouse.UpAsync();
        Assert.Contains("[[", await page.Locator("#strokes").InputValueAsync());
    }

    /// <summary>Fills the procedure form of a same-day bone-marrow injection (plan, date, location and operator as offered).</summary>
    public static async Task FillProcedureAsync(IPage clinician)
    {
        await clinician.GetByLabel("Injectate volume (mL)").FillAsync("3");
        await clinician.GetByLabel("Harvest volume (mL)").FillAsync("60");
        await clinician.GetByLabel("Image guidance").SelectOptionAsync("Ultrasound");
        await clinician.GetByLabel("Anesthesia").SelectOptionAsync("Local");
        await clinician.GetByLabel("Processing system").FillAsync("Marrow concentration system");
    }
}
