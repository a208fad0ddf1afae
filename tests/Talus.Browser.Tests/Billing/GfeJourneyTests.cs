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
    [Fact]
    public async Task Counselor_IssuesGfe_PatientSeesItOnPhoneAndDownloadsThePdf()
    {
        // A patient whose name is not in Latin script, evaluated and planned by the podiatrist, with a portal account.
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
            await db.SaveChangesAsync();
            return p.Id;
        });
        // The podiatrist's plan (what the chart's plan form saves).
        var planned = await browser.App.WithDbAsync(db => Talus.Web.Features.Plan.SavePlan.RunAsync(patientId, new Talus.Web.Features.Plan.PlanInput
        {
            Joint = Talus.Clinical.Joint.Ankle, Side = Talus.Clinical.Side.Right, Product = Talus.Clinical.InjectionProduct.BoneMarrowAspirateConcentrate,
            PlannedInjections = 1, Rationale = "Moderate ankle OA, six months of conservative care without relief.", PhysicalTherapy = "PT twice weekly",
        }, "clinician@talus.example", db, browser.App.Clock, default));
        Assert.True(planned.IsOk, planned.Message);
        using (var scope = browser.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "김민준", PatientId = patientId };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Patient);
        }

        // The financial counselor records the coverage, builds the estimate from the plan and presents it.
        var counselor = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(counselor, "billing@talus.example");
        await counselor.GotoAsync($"/patients/{patientId}/estimate");
        await counselor.GetByLabel("Coverage status").SelectOptionAsync(new SelectOptionValue { Label = "Uninsured" });
        await counselor.GetByRole(AriaRole.Button, new() { Name = "Record coverage" }).ClickAsync();
        await counselor.GetByRole(AriaRole.Button, new() { Name = "Build estimate:" }).ClickAsync();
        await counselor.GetByRole(AriaRole.Button, new() { Name = "Present to patient" }).ClickAsync();
        await Expect(counselor.GetByRole(AriaRole.Button, new() { Name = "Patient accepted" })).ToBeVisibleAsync();
        var entities = await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.EstimateLines.Where(l => l.PatientId == patientId && !l.SeparatelyScheduled).Select(l => new { l.EntityNpi, l.EntityTin }).Distinct()));
        Assert.NotEmpty(entities);
        await counselor.GetByRole(AriaRole.Link, new() { Name = "Good Faith Estimate" }).ClickAsync();

        // …and issues the Good Faith Estimate from the patient's GFE page.
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
        await Expect(patient.GetByText($"NPI {entities[0].EntityNpi}", new() { Exact = false })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(patient, "gfe-portal-phone");
        var download = await patient.RunAndWaitForDownloadAsync(() =>
            patient.GetByRole(AriaRole.Link, new() { Name = "Download your Good Faith Estimate (PDF)" }).ClickAsync());
        var file = await download.PathAsync();
        var text = PdfText.Of(await File.ReadAllBytesAsync(file));
        var flat = string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Patient: 민준 김", flat);
        foreach (var e in entities)
        {
            Assert.Contains($"NPI {e.EntityNpi} · TIN {e.EntityTin}", flat);
        }
        Assert.Contains("patient-provider dispute resolution", flat);
        Assert.Contains(GfeContent.DisputeInformationUrl, flat);
        Assert.Contains("$25 administrative fee", flat);
        await patient.Context.CloseAsync();
    }
}
