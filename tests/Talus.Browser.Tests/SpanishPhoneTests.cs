using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Tests.Language;

namespace Talus.Browser.Tests;

/// <summary>
/// Issue 12: the public pages, the consultation request and the patient portal in Spanish on a phone (390×844):
/// no serious or critical axe-core violation, and no English sentence, enum name or internal code on any of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SpanishPhoneTests(BrowserApp browser)
{
    [Fact]
    public async Task PublicPages_SpanishOnAPhone_HaveNoSeriousViolationsAndNoEnglish()
    {
        var page = await browser.NewPageAsync(phone: true);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        var problems = await AxeWalk.CheckAsync(page, SpanishPageCheck.PublicPages, NotSpanishAsync);

        await browser.ScreenshotAsync(page, "spanish-phone-public");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task PortalPages_SpanishOnAPhone_HaveNoSeriousViolationsAndNoEnglish()
    {
        var demo = await browser.App.DemoPatientAsync();
        var consents = await browser.App.WithDbAsync(db => db.ConsentPackets.Where(c => c.PatientId == demo.Id).Select(c => c.Id).ToListAsync());
        var page = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(page, "patient@talus.example");
        await page.GotoAsync("/portal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        var problems = await AxeWalk.CheckAsync(page,
            SpanishPageCheck.PortalPages.Concat(consents.Select(id => $"/portal/consents/{id}")), NotSpanishAsync);

        await browser.ScreenshotAsync(page, "spanish-phone-portal");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task ConsentEstimateAndGfePages_SpanishOnAPhone_HaveNoSeriousViolationsAndNoEnglish()
    {
        // A patient with an issued Good Faith Estimate (demo data) who prefers Spanish, a portal sign-in and a consent in Spanish.
        var app = browser.App;
        var issued = await app.WithDbAsync(db => db.GoodFaithEstimates.OrderBy(g => g.IssuedAt).Select(g => new { g.PatientId, g.Id }).FirstAsync());
        var (patientId, gfeId) = (issued.PatientId, issued.Id);
        var email = $"es.{Guid.NewGuid():N}"[..16] + "@example.com";
        // The browser tests share one app: the patient's language, email and the added consent are put back at the end.
        var before = await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patientId).Select(p => new { p.PreferredLanguage, p.Email }).SingleAsync());
        await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patientId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.PreferredLanguage, "es").SetProperty(p => p.Email, email)));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Paciente", PatientId = patientId };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Patient)).Succeeded);
        }
        var consent = new ConsentPacket
        {
            PatientId = patientId, Joint = Talus.Clinical.Joint.Ankle, Side = Talus.Clinical.Side.Left, PlanId = Guid.NewGuid(), PlanVersion = 1,
            Product = Talus.Clinical.InjectionProduct.BoneMarrowAspirateConcentrate, Source = Talus.Clinical.TissueSource.Autologous, TemplateId = 1, TemplateVersion = 1,
            Language = "es", SectionsJson = System.Text.Json.JsonSerializer.Serialize(ConsentTexts.Spanish),
            Status = ConsentStatus.AwaitingSignature, PreparedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(db => { db.ConsentPackets.Add(consent); return db.SaveChangesAsync(); });
        var page = await browser.NewPageAsync(phone: true);
        await BrowserApp.SignInAsync(page, email);
        await page.GotoAsync("/portal");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        List<string> problems;
        try
        {
            problems = [.. await AxeWalk.CheckAsync(page, ["/portal", $"/portal/consents/{consent.Id}", $"/portal/gfe/{gfeId}", "/portal/decision-aid"], NotSpanishAsync)];
            await browser.ScreenshotAsync(page, "spanish-phone-consent-gfe");
        }
        finally
        {
            await app.WithDbAsync(db => db.Patients.Where(p => p.Id == patientId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.PreferredLanguage, before.PreferredLanguage).SetProperty(p => p.Email, before.Email)));
            await app.WithDbAsync(db => db.ConsentPackets.Where(c => c.Id == consent.Id).ExecuteDeleteAsync());
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task AxeWalk_UnlabelledField_IsReportedAsBlocking()
    {
        var page = await browser.NewPageAsync(phone: true);
        await page.SetContentAsync("<html lang=\"es\"><head><title>t</title></head><body><main><h1>t</h1><input type=\"text\"></main></body></html>");

        var violations = await AxeWalk.ViolationsAsync(page);

        Assert.Contains(violations, v => v.StartsWith("critical label", StringComparison.Ordinal));
    }

    private static async Task<IEnumerable<string>> NotSpanishAsync(IPage page, string path) =>
        SpanishPageCheck.Problems(await page.ContentAsync());
}
