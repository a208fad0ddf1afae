using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PortalInvitationTests(BrowserApp browser)
{
    [Fact]
    public async Task FrontDesk_InvitesPatient_PatientChoosesPasswordAndSeesOwnPortal()
    {
        // The front desk registers a patient with an email address and invites them to the portal.
        var desk = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(desk, "frontdesk@talus.example");
        await desk.GotoAsync("/patients/new");
        var email = $"lucia.{Guid.NewGuid():N}"[..20] + "@example.com";
        await desk.GetByLabel("Given name").FillAsync("Lucía");
        await desk.GetByLabel("Family name").FillAsync("Arreola");
        await desk.GetByLabel("Birth date").FillAsync("1959-01-17");
        await desk.GetByLabel("Sex").SelectOptionAsync("Female");
        await desk.GetByLabel("Email").FillAsync(email);
        await desk.GetByLabel("Preferred location").SelectOptionAsync(new SelectOptionValue { Label = "Irvine" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        await Expect(desk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Arreola, Lucía");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Invite to the patient portal" }).ClickAsync();
        var link = await desk.GetByLabel("Portal invitation link (valid for 24 hours; shown once)").InputValueAsync();
        await browser.ScreenshotAsync(desk, "portal-invitation-chart");
        await desk.Context.CloseAsync();

        // The patient opens the link on a phone and chooses a password.
        var patient = await browser.NewPageAsync(phone: true);
        await patient.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up your patient portal");
        await patient.GetByLabel("New password (at least 10 characters)").FillAsync("short");
        await patient.GetByLabel("Type the password again").FillAsync("short");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Save my password" }).ClickAsync();
        await Expect(patient.GetByText("Choose a password of at least 10 characters.").First).ToBeVisibleAsync();
        await patient.GetByLabel("New password (at least 10 characters)").FillAsync("Lucia-portal-2026");
        await patient.GetByLabel("Type the password again").FillAsync("Lucia-portal-2026");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Save my password" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Status)).ToContainTextAsync("Your portal is ready");
        await browser.ScreenshotAsync(patient, "portal-invitation-welcome-phone");

        // The link cannot be used twice; the new password signs in to the patient's own portal.
        await patient.GotoAsync(new Uri(link).PathAndQuery);
        await patient.GetByLabel("New password (at least 10 characters)").FillAsync("Another-password-1");
        await patient.GetByLabel("Type the password again").FillAsync("Another-password-1");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Save my password" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Alert)).ToContainTextAsync("expired or was already used");
        await BrowserApp.SignInAsync(patient, email, "Lucia-portal-2026");
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Lucía");
        await patient.Context.CloseAsync();
    }
}
