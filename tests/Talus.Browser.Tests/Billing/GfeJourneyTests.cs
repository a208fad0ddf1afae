using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using Talus.Web.Data;
using Talus.Web.Features.Billing;
using Talus.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests.Billing;

[Collection(BrowserCollection.Name)]
public sealed class GfeJourneyTests(BrowserApp browser)
{
    private const string ClinicNpi = "1234567893", ImagingNpi = "1245319599";

    [Fact]
    public async Task Counselor_IssuesGfe_PatientSeesItOnPhoneAndDownloadsThePdf()
    {
        // A self-pay patient whose name is not in Latin script, with a portal account and a presented estimate.
        var email = $"minjun.{Guid.NewGuid():N}"[..20] + "@example.com";
        var patientId = await browser.App.WithDbAsync(async db =>
        {
            var location = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Locations);
            var p = new Patient
            {
                Mrn = "K" + Guid.NewGuid().ToString("N")[..8], GivenName = "민준", FamilyName = "김", BirthDate = new DateOnly(1961, 5, 14), Sex = Sex.Male,
                Email = email, PreferredLocationId = location.Id, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            };
            p.NormalizeKeys();
            db.Patients.Add(p);
            db.Coverages.Add(new Coverage { PatientId = p.Id, Status = CoverageStatus.Uninsured, RecordedAt = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc) });
            var e = new Estimate
            {
                PatientId = p.Id, Version = 1, Status = EstimateStatus.Presented, LocationId = location.Id, Title = "Bone marrow concentrate injection, right ankle",
                DiagnosisCodes = "M19.071", Coverage = CoverageStatus.Uninsured, CreatedAt = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc),
            };
            e.SeriesId = e.Id;
            EstimateLine Line(int order, string what, string code, long cents, bool clinic) => new()
            {
                EstimateId = e.Id, PatientId = p.Id, Order = order, Description = what, ServiceCode = code, UnitCents = cents, PatientCents = cents,
                EntityName = clinic ? "Talus Foot & Ankle Medical Group" : "Coastal Imaging Center", EntityNpi = clinic ? ClinicNpi : ImagingNpi,
                EntityTin = clinic ? "95-1234567" : "33-7654321", EntityAddress = clinic ? "100 Main St" : "9 Harbor Way", EntityCity = "Irvine",
                EntityState = "CA", EntityPostalCode = "92618",
            };
            e.Lines = [Line(1, "Consultation", "99204", 35_000, true), Line(2, "MRI ankle without contrast", "73721", 90_000, false),
                Line(3, "Bone marrow harvest, concentration and injection", "0232T", 450_000, true)];
            db.Estimates.Add(e);
            await db.SaveChangesAsync();
            return p.Id;
        });
        using (var scope = browser.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "김민준", PatientId = patientId };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Patient);
        }

        // The financial counselor issues the GFE from the patient's GFE page.
        var counselor = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(counselor, "billing@talus.example");
        await counselor.GotoAsync($"/patients/{patientId}/gfe");
        await counselor.GetByRole(AriaRole.Button, new() { Name = "Record a request for an estimate" }).ClickAsync();
        await Expect(counselor.GetByRole(AriaRole.Status)).ToContainTextAsync("due within 3 business days");
        await counselor.GetByLabel("Estimate version").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await counselor.GetByRole(AriaRole.Button, new() { Name = "Issue Good Faith Estimate" }).ClickAsync();
        await Expect(counselor.GetByRole(AriaRole.Status)).ToContainTextAsync("Good Faith Estimate issued");
        await Expect(counselor.GetByRole(AriaRole.Link, new() { Name = "PDF (version 1)" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(counselor, "gfe-issued-staff");
        await counselor.GotoAsync("/billing/gfe");
        await Expect(counselor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Good Faith Estimate worklist");
        await counselor.Context.CloseAsync();

        // The patient signs in on a phone, opens the GFE and downloads the PDF.
        var patient = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(patient, email);
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Your Good Faith Estimate" })).ToBeVisibleAsync();
        await patient.GetByRole(AriaRole.Link, new() { Name = "See your estimate" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your Good Faith Estimate");
        await Expect(patient.GetByText("김민준", new() { Exact = false }).First).ToBeVisibleAsync();
        await Expect(patient.GetByText($"NPI {ImagingNpi}", new() { Exact = false })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(patient, "gfe-portal-phone");
        var download = await patient.RunAndWaitForDownloadAsync(() =>
            patient.GetByRole(AriaRole.Link, new() { Name = "Download your Good Faith Estimate (PDF)" }).ClickAsync());
        var file = await download.PathAsync();
        var text = PdfText.Of(await File.ReadAllBytesAsync(file));
        var flat = string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Patient: 민준 김", flat);
        foreach (var id in new[] { ClinicNpi, ImagingNpi, "95-1234567", "33-7654321" })
        {
            Assert.Contains(id, flat);
        }
        Assert.Contains("patient-provider dispute resolution", flat);
        Assert.Contains(GfeContent.DisputeInformationUrl, flat);
        Assert.Contains("$25 administrative fee", flat);
        await patient.Context.CloseAsync();
    }
}
