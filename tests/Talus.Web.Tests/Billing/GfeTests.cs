using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Features.Billing;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Scheduling;

namespace Talus.Web.Tests.Billing;

/// <summary>
/// Good Faith Estimates end to end (SPEC §7.2): due items from self-pay bookings and requests on the business-day
/// calendar, issue with every required element, versions kept unchanged, re-issue on change, per-provider dispute
/// threshold, collections paused while a dispute is open, delivery in the portal and by a detail-free email.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GfeTests(TalusApp app)
{
    private const string ClinicNpi = "1234567893", ImagingNpi = "1245319599";

    private Task<int> RecordCoverageAsync(Guid patientId, CoverageStatus status) => app.WithDbAsync(async db =>
    {
        db.Coverages.Add(new Coverage { PatientId = patientId, Status = status, RecordedAt = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1) });
        return await db.SaveChangesAsync();
    });

    /// <summary>An estimate version with two billing entities and a separately scheduled repeat injection, as the estimate page would build it.</summary>
    private Task<Estimate> EstimateAsync(Guid patientId, int locationId, Guid? series = null, int version = 1, long injectionCents = 450_000,
        string diagnosis = "M19.071", CoverageStatus coverage = CoverageStatus.Uninsured) => app.WithDbAsync(async db =>
    {
        var e = new Estimate
        {
            PatientId = patientId, Version = version, Status = EstimateStatus.Presented, LocationId = locationId, Title = "Bone marrow concentrate injection, right ankle",
            DiagnosisCodes = diagnosis, Coverage = coverage, CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        e.SeriesId = series ?? e.Id;
        EstimateLine Line(int order, string what, string code, long cents, bool clinic, bool separate = false) => new()
        {
            PatientId = patientId, Order = order, Description = what, ServiceCode = code, UnitCents = cents, SeparatelyScheduled = separate, PatientCents = cents,
            EntityName = clinic ? "Talus Foot & Ankle Medical Group" : "Coastal Imaging Center", EntityNpi = clinic ? ClinicNpi : ImagingNpi,
            EntityTin = clinic ? "95-1234567" : "33-7654321", EntityAddress = clinic ? "100 Main St" : "9 Harbor Way", EntityCity = "Irvine", EntityState = "CA",
            EntityPostalCode = "92618",
        };
        e.Lines =
        [
            Line(1, "Consultation", "99204", 35_000, true),
            Line(2, "MRI ankle without contrast", "73721", 90_000, false),
            Line(3, "Bone marrow harvest, concentration and injection", "0232T", injectionCents, true),
            Line(4, "Repeat injection within 12 months, if needed", "0232T", injectionCents, true, separate: true),
        ];
        foreach (var l in e.Lines)
        {
            l.EstimateId = e.Id;
        }
        db.Estimates.Add(e);
        await db.SaveChangesAsync();
        return e;
    });

    private static async Task<JsonElement> IssueAsync(HttpClient billing, Guid patientId, Guid estimateId, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await billing.PostAsJsonAsync($"/api/patients/{patientId}/gfes", new { estimateId });
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Issue_CompleteEstimate_PdfHoldsNameEveryNpiAndTinAndTheDisputeNotice()
    {
        var clinic = await TestClinic.CreateAsync(app, email: $"gfe.{Guid.NewGuid():N}@example.com");
        await app.WithDbAsync(db => db.Patients.Where(p => p.Id == clinic.PatientId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.GivenName, "민준").SetProperty(p => p.FamilyName, "김 Nguyễn")));
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        using var billing = app.ClientAs(Roles.Billing);

        var gfe = await IssueAsync(billing, clinic.PatientId, estimate.Id);

        Assert.Equal(1, gfe.GetProperty("version").GetInt32());
        Assert.Equal(35_000 + 90_000 + 450_000, gfe.GetProperty("totalCents").GetInt64());
        Assert.Equal("USD", gfe.GetProperty("currency").GetString());
        var pdf = await billing.GetByteArrayAsync($"/api/patients/{clinic.PatientId}/gfes/{gfe.GetProperty("id").GetGuid()}/pdf");
        var text = PdfText.Of(pdf);
        Assert.Contains("민준 김 Nguyễn", text);
        foreach (var id in new[] { ClinicNpi, ImagingNpi, "95-1234567", "33-7654321" })
        {
            Assert.Contains(id, text);
        }
        var flat = string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("patient-provider dispute resolution", flat);
        Assert.Contains("120 calendar days", flat);
        Assert.Contains("$25 administrative fee", flat);
        Assert.Contains(GfeContent.DisputeInformationUrl, flat);
        Assert.Contains("Repeat injection within 12 months", flat);
        Assert.Contains("not a contract", flat);
    }

    [Fact]
    public async Task Issue_NoDiagnosisCodesAndNoTin_400NamesTheMissingElements()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId, diagnosis: "");
        await app.WithDbAsync(db => db.EstimateLines.Where(l => l.EstimateId == estimate.Id && l.EntityNpi == ImagingNpi)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.EntityTin, "")));
        using var billing = app.ClientAs(Roles.Billing);

        var problem = await IssueAsync(billing, clinic.PatientId, estimate.Id, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").GetProperty("estimate").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("Element 4 (Diagnosis codes", StringComparison.Ordinal) && e.Contains("diagnosis code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Element 5 (", StringComparison.Ordinal) && e.Contains("Coastal Imaging Center: TIN", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
        Assert.False(await app.WithDbAsync(db => db.GoodFaithEstimates.AnyAsync(g => g.PatientId == clinic.PatientId)));
    }

    [Fact]
    public async Task Issue_InsuredBilling_RefusedWithReason()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId, coverage: CoverageStatus.InsuredBilling);
        using var billing = app.ClientAs(Roles.Billing);

        var problem = await IssueAsync(billing, clinic.PatientId, estimate.Id, HttpStatusCode.Conflict);

        Assert.Contains("GFE-WHO", problem.ToString());
    }

    [Fact]
    public async Task Reissue_ChargeChanged_NewVersionAndTheFirstKeptUnchanged()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var first = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        using var billing = app.ClientAs(Roles.Billing);
        var v1 = await IssueAsync(billing, clinic.PatientId, first.Id);
        var v1Id = v1.GetProperty("id").GetGuid();
        var v1Sha = v1.GetProperty("pdfSha256").GetString();

        // Nothing changed: no new version.
        await IssueAsync(billing, clinic.PatientId, first.Id, HttpStatusCode.Conflict);

        await app.WithDbAsync(db => db.Estimates.Where(e => e.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EstimateStatus.Superseded)));
        var second = await EstimateAsync(clinic.PatientId, clinic.LocationId, series: first.SeriesId, version: 2, injectionCents: 520_000);
        await IssueAsync(billing, clinic.PatientId, first.Id, HttpStatusCode.Conflict); // a superseded version cannot be issued
        var v2 = await IssueAsync(billing, clinic.PatientId, second.Id);

        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal(35_000 + 90_000 + 520_000, v2.GetProperty("totalCents").GetInt64());
        var all = await billing.GetFromJsonAsync<JsonElement>($"/api/patients/{clinic.PatientId}/gfes");
        var issued = all.GetProperty("issued").EnumerateArray().ToList();
        Assert.Equal([2, 1], issued.Select(g => g.GetProperty("version").GetInt32()));
        var kept = issued.Single(g => g.GetProperty("id").GetGuid() == v1Id);
        Assert.Equal(v1Sha, kept.GetProperty("pdfSha256").GetString());
        Assert.Equal(575_000, kept.GetProperty("totalCents").GetInt64());
    }

    [Fact]
    public async Task IssuedVersion_ChangeOrDelete_RefusedByTheDatabaseGuard()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        using var billing = app.ClientAs(Roles.Billing);
        var id = (await IssueAsync(billing, clinic.PatientId, estimate.Id)).GetProperty("id").GetGuid();

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            (await db.GoodFaithEstimates.SingleAsync(g => g.Id == id)).TotalCents = 1;
            return await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.GoodFaithEstimates.Remove(await db.GoodFaithEstimates.SingleAsync(g => g.Id == id));
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(575_000, await app.WithDbAsync(db => db.GoodFaithEstimates.Where(g => g.Id == id).Select(g => g.TotalCents).SingleAsync()));
    }

    [Fact]
    public async Task Booking_SelfPayNineBusinessDaysAheadOverThanksgiving_DueNextBusinessDay()
    {
        // Booked Tue 24 Nov 2026 for Tue 8 Dec: Thanksgiving (26 Nov) is not a business day, so the lead is 9 → 1 business day (SPEC §7.2).
        var clinic = await TestClinic.CreateAsync(app);
        await RecordCoverageAsync(clinic.PatientId, CoverageStatus.Uninsured);
        using var desk = app.ClientAs(Roles.FrontDesk);

        var booked = await desk.PostAsJsonAsync($"/api/scheduling/patients/{clinic.PatientId}/appointments",
            new { type = "consultation", locationId = clinic.LocationId, start = TestClinic.La(2026, 12, 8, 9) });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        var due = await app.WithDbAsync(db => db.GfeDueItems.AsNoTracking().SingleAsync(d => d.PatientId == clinic.PatientId));
        Assert.Equal(GfeTrigger.Scheduled, due.Trigger);
        Assert.Equal(9, due.LeadBusinessDays);
        Assert.Equal(new DateOnly(2026, 12, 8), due.ServiceDate);
        Assert.Equal(new DateOnly(2026, 11, 25), due.DueBy);
    }

    [Fact]
    public async Task Booking_InsuredBillingOrTwoBusinessDaysAhead_NoDueItem()
    {
        var insured = await TestClinic.CreateAsync(app);
        await RecordCoverageAsync(insured.PatientId, CoverageStatus.InsuredBilling);
        var soon = await TestClinic.CreateAsync(app);
        await RecordCoverageAsync(soon.PatientId, CoverageStatus.InsuredSelfPay);
        using var desk = app.ClientAs(Roles.FrontDesk);

        // 24 Nov → 30 Nov: 25, 27, 30 = 3 business days for the first; 24 Nov → 27 Nov: 25, 27 = 2 (< 3: none) for the second.
        var a = await desk.PostAsJsonAsync($"/api/scheduling/patients/{insured.PatientId}/appointments",
            new { type = "consultation", locationId = insured.LocationId, start = TestClinic.La(2026, 11, 30, 9) });
        var b = await desk.PostAsJsonAsync($"/api/scheduling/patients/{soon.PatientId}/appointments",
            new { type = "consultation", locationId = soon.LocationId, start = TestClinic.La(2026, 11, 27, 9) });
        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);

        Assert.False(await app.WithDbAsync(db => db.GfeDueItems.AnyAsync(d => d.PatientId == insured.PatientId || d.PatientId == soon.PatientId)));
    }

    [Theory]
    [InlineData(null, "2026-11-30")]          // Tue 24 Nov: Wed 25, (Thanksgiving), Fri 27, Mon 30
    [InlineData("2026-11-27", "2026-12-01")]  // the practice closes Fri 27 Nov too
    public async Task Request_ThreeBusinessDays_HolidaysAndPracticeClosuresSkipped(string? closure, string due)
    {
        var clinic = await TestClinic.CreateAsync(app);
        if (closure is not null)
        {
            await app.WithDbAsync(async db =>
            {
                db.Set<Closure>().Add(new Closure { LocationId = clinic.LocationId, Date = DateOnly.Parse(closure, System.Globalization.CultureInfo.InvariantCulture), Reason = "Staff training" });
                return await db.SaveChangesAsync();
            });
        }
        using var desk = app.ClientAs(Roles.FrontDesk);

        var response = await desk.PostAsJsonAsync($"/api/patients/{clinic.PatientId}/gfe-requests", new { locationId = clinic.LocationId });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Requested", item.GetProperty("trigger").GetString());
        Assert.Equal(due, item.GetProperty("dueBy").GetString());
    }

    [Fact]
    public async Task Issue_OpenDueItems_ClosedAndTheWorklistMovesThemToIssued()
    {
        var clinic = await TestClinic.CreateAsync(app);
        using var desk = app.ClientAs(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.Created, (await desk.PostAsJsonAsync($"/api/patients/{clinic.PatientId}/gfe-requests", new { locationId = clinic.LocationId })).StatusCode);
        // The administrator sees every location (the test clinic is a location of its own).
        using var billing = app.ClientAs(Roles.Admin);
        var before = await billing.GetFromJsonAsync<JsonElement>("/api/billing/gfe-worklist");
        Assert.Contains(before.GetProperty("due").EnumerateArray(), d => d.GetProperty("patientId").GetGuid() == clinic.PatientId);

        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        var gfe = await IssueAsync(billing, clinic.PatientId, estimate.Id);

        var after = await billing.GetFromJsonAsync<JsonElement>("/api/billing/gfe-worklist");
        Assert.DoesNotContain(after.GetProperty("due").EnumerateArray().Concat(after.GetProperty("overdue").EnumerateArray()),
            d => d.GetProperty("patientId").GetGuid() == clinic.PatientId);
        Assert.Contains(after.GetProperty("issued").EnumerateArray(), g => g.GetProperty("id").GetGuid() == gfe.GetProperty("id").GetGuid());
        var html = await billing.GetStringAsync("/billing/gfe");
        Assert.Contains(clinic.PatientId.ToString(), html);
    }

    [Fact]
    public async Task Reconcile_OneProviderOver400AnotherUnder_OnlyTheFirstEligible_DisputePausesCollections()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        using var billing = app.ClientAs(Roles.Billing);
        var gfeId = (await IssueAsync(billing, clinic.PatientId, estimate.Id)).GetProperty("id").GetGuid();
        var root = $"/api/patients/{clinic.PatientId}/gfes/{gfeId}";

        // The clinic's own GFE total is $4,850: billed $5,250 = exactly $400 over. Imaging $900: billed $1,299.99 = $399.99 over.
        Assert.Equal(HttpStatusCode.OK, (await billing.PostAsJsonAsync($"{root}/bills", new { npi = ClinicNpi, billedCents = 525_000, currency = "USD", billedOn = "2026-11-20" })).StatusCode);
        var response = await billing.PostAsJsonAsync($"{root}/bills", new { npi = ImagingNpi, billedCents = 129_999, currency = "USD", billedOn = "2026-11-20" });
        var rec = await response.Content.ReadFromJsonAsync<JsonElement>();

        var providers = rec.GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("npi").GetString()!);
        Assert.True(providers[ClinicNpi].GetProperty("disputeEligible").GetBoolean());
        Assert.Equal(40_000, providers[ClinicNpi].GetProperty("excessCents").GetInt64());
        Assert.False(providers[ImagingNpi].GetProperty("disputeEligible").GetBoolean());
        Assert.Equal(39_999, providers[ImagingNpi].GetProperty("excessCents").GetInt64());
        Assert.Equal("2027-03-20", rec.GetProperty("initiateBy").GetString()); // 120 days from the initial bill
        Assert.False(rec.GetProperty("collectionsPaused").GetBoolean());

        var opened = await billing.PostAsJsonAsync($"{root}/disputes", new { npi = ClinicNpi, openedOn = "2026-11-24" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await billing.PostAsJsonAsync($"{root}/disputes", new { npi = ClinicNpi, openedOn = "2026-11-24" })).StatusCode);
        Assert.True((await billing.GetFromJsonAsync<JsonElement>($"/api/patients/{clinic.PatientId}/gfes")).GetProperty("collectionsPaused").GetBoolean());

        var disputeId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await billing.PostAsJsonAsync($"/api/patients/{clinic.PatientId}/disputes/{disputeId}/close", new { closedOn = "2027-01-15" })).StatusCode);
        Assert.False((await billing.GetFromJsonAsync<JsonElement>($"/api/patients/{clinic.PatientId}/gfes")).GetProperty("collectionsPaused").GetBoolean());
    }

    [Fact]
    public async Task Reconcile_ProviderNotOnTheGfe_400()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        using var billing = app.ClientAs(Roles.Billing);
        var gfeId = (await IssueAsync(billing, clinic.PatientId, estimate.Id)).GetProperty("id").GetGuid();

        var response = await billing.PostAsJsonAsync($"/api/patients/{clinic.PatientId}/gfes/{gfeId}/bills",
            new { npi = "1999999992", billedCents = 100, currency = "USD", billedOn = "2026-11-20" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Issue_PatientPrefersSpanish_PdfPortalPageAndEstimateAreInSpanish()
    {
        var email = $"gfe.es.{Guid.NewGuid():N}"[..20] + "@example.com";
        var clinic = await TestClinic.CreateAsync(app, email: email);
        await app.WithDbAsync(db => db.Patients.Where(p => p.Id == clinic.PatientId).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, "es")));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Rosa", PatientId = clinic.PatientId };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Patient);
        }
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        using var billing = app.ClientAs(Roles.Billing);
        var gfeId = (await IssueAsync(billing, clinic.PatientId, estimate.Id)).GetProperty("id").GetGuid();

        var text = PdfText.Of(await billing.GetByteArrayAsync($"/api/patients/{clinic.PatientId}/gfes/{gfeId}/pdf"));
        var flat = string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Estimación de Buena Fe", flat);
        Assert.Contains("resolución de disputas entre paciente y proveedor", flat);
        Assert.Contains("120 días calendario", flat);
        Assert.Contains(GfeContent.DisputeInformationUrl, flat);
        Assert.Contains("$5,750.00", flat);
        Assert.Matches(@"Emitida el \d{1,2} de [a-z]+ de \d{4}", flat);
        Assert.DoesNotContain("Disclaimers", flat);
        Assert.DoesNotContain("Total expected charges", flat);

        using var patient = app.ClientAsUser(email, DemoData.Password);
        foreach (var path in new[] { $"/portal/gfe/{gfeId}", "/portal" })
        {
            var page = await patient.GetStringAsync(path);
            Assert.Contains("$5,750.00", WebUtility.HtmlDecode(page));
            Assert.Empty(Language.SpanishPageCheck.Problems(page));
        }
    }

    [Fact]
    public async Task Portal_IssuedGfe_PatientSeesOwnAndGetsADetailFreeEmail()
    {
        // A patient of their own with a portal account (the demo patient's estimates belong to other tests).
        var email = $"gfe.{Guid.NewGuid():N}"[..20] + "@example.com";
        var clinic = await TestClinic.CreateAsync(app, email: email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Iris", PatientId = clinic.PatientId };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Patient);
        }
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        using var billing = app.ClientAs(Roles.Billing);
        var gfeId = (await IssueAsync(billing, clinic.PatientId, estimate.Id)).GetProperty("id").GetGuid();
        using var patient = app.ClientAsUser(email, DemoData.Password);

        var mine = await patient.GetFromJsonAsync<JsonElement>("/api/portal/gfes");
        Assert.Equal(gfeId, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetGuid());
        var pdf = await patient.GetAsync($"/api/portal/gfes/{gfeId}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var page = await patient.GetStringAsync($"/portal/gfe/{gfeId}");
        Assert.Contains(ClinicNpi, page);

        var other = await TestClinic.CreateAsync(app);
        var otherGfe = (await IssueAsync(billing, other.PatientId, (await EstimateAsync(other.PatientId, other.LocationId)).Id)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/portal/gfes/{otherGfe}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/portal/gfe/{otherGfe}")).StatusCode);

        var message = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.PatientId == clinic.PatientId && m.To == email));
        Assert.Contains("/portal", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("$", message.Body + message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("injection", message.Body + message.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Testwood", message.Body + message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_AfterIssue_BindsTheEstimateVersionThePatientSaw()
    {
        var clinic = await TestClinic.CreateAsync(app);
        var estimate = await EstimateAsync(clinic.PatientId, clinic.LocationId);
        using var billing = app.ClientAs(Roles.Billing);
        await IssueAsync(billing, clinic.PatientId, estimate.Id);
        using var clinician = app.ClientAs(Roles.Clinician);
        var plan = await clinician.PostAsJsonAsync($"/api/patients/{clinic.PatientId}/plans", new
        {
            joint = "Ankle", side = "Right", product = "PlateletRichPlasma", plannedInjections = 1, rationale = "Moderate OA.", physicalTherapy = "PT",
        });
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync());
        var planId = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetProperty("id").GetGuid();

        var consent = await clinician.PostAsJsonAsync($"/api/patients/{clinic.PatientId}/consents", new { planId });

        Assert.True(consent.IsSuccessStatusCode, await consent.Content.ReadAsStringAsync());
        var packet = await consent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(estimate.Id, packet.GetProperty("estimateId").GetGuid());
        Assert.Equal(1, packet.GetProperty("estimateVersion").GetInt32());
    }
}
