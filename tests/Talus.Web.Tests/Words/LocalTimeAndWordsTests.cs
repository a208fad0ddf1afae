using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Web.Data;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Scheduling;
using Talus.Web.Shared;
using Talus.Web.Tests.Infrastructure;
using Talus.Web.Tests.Journey;

namespace Talus.Web.Tests.Words;

/// <summary>Issue 8 §5: every shown instant is in the location's (or practice's) zone; people read words, not codes.</summary>
[Collection(AppCollection.Name)]
public sealed class LocalTimeAndWordsTests(TalusApp app)
{
    /// <summary>19:00 PST on November 29 is already November 30 in UTC.</summary>
    private static readonly DateTime CaliforniaEvening = new(2026, 11, 30, 3, 0, 0, DateTimeKind.Utc);

    private static readonly string[] InternalCodes =
        ["SPEC §", " v0.", "AMBER", "GREEN", "RED_", "IC-0", "CorticosteroidInjection", "BoneMarrowAspirateConcentrate", "PlateletRichPlasma"];

    [Fact]
    public async Task ConsentSection_SignedOnACaliforniaEvening_ShowsTheLocalDateAndProductLabel()
    {
        using var clinician = app.ClientAs(Roles.Clinician);
        var patientId = await JourneyRecord.NewPatientAsync(clinician, "Eveningsign");
        await app.WithDbAsync(db =>
        {
            var plan = new TreatmentPlan
            {
                PatientId = patientId, Joint = Joint.Ankle, Side = Side.Right, Version = 1, Product = InjectionProduct.PlateletRichPlasma,
                PlannedInjections = 1, Rationale = "Test plan.", CreatedAt = CaliforniaEvening.AddHours(-2), CreatedBy = "Dr. Test",
            };
            db.TreatmentPlans.Add(plan);
            db.ConsentPackets.Add(new ConsentPacket
            {
                PatientId = patientId, Joint = Joint.Ankle, Side = Side.Right, PlanId = plan.Id, PlanVersion = 1,
                Product = InjectionProduct.PlateletRichPlasma, TemplateVersion = 1, Flag = RegulatoryFlag.Green, SectionsJson = "[]",
                Status = ConsentStatus.Signed, PreparedAt = CaliforniaEvening.AddHours(-1), PreparedBy = "Dr. Test", SignedAt = CaliforniaEvening,
            });
            return db.SaveChangesAsync();
        });

        var chart = await clinician.GetStringAsync($"/patients/{patientId}");

        Assert.Contains("Signed <time datetime=\"2026-11-30T03:00:00Z\">2026-11-29</time>", chart);
        Assert.DoesNotContain(">2026-11-30<", chart);
        Assert.Contains("Platelet-rich plasma", chart);
        Assert.DoesNotContain("PlateletRichPlasma", chart);
    }

    [Fact]
    public async Task Chart_PriorTreatments_ShowLabelsNotEnumNames()
    {
        var demo = await app.DemoPatientAsync();
        using var clinician = app.ClientAs(Roles.Clinician);

        var chart = await clinician.GetStringAsync($"/patients/{demo.Id}");

        Assert.Contains("Corticosteroid injection", chart);
        Assert.DoesNotContain("CorticosteroidInjection", chart);
    }

    [Fact]
    public async Task ProcedurePages_ShowCodedValuesAsWords()
    {
        var procedure = await app.WithDbAsync(db => db.Procedures.AsNoTracking()
            .Where(p => p.HarvestSite == Talus.Web.Features.Procedure.HarvestSite.PosteriorIliacCrest)
            .Select(p => new { p.Id, p.PatientId }).FirstAsync());
        using var clinician = app.ClientAs(Roles.Clinician);

        var chart = Readable(await clinician.GetStringAsync($"/patients/{procedure.PatientId}"));
        var form = Readable(await clinician.GetStringAsync($"/patients/{procedure.PatientId}/procedures/new"));
        var adverse = Readable(await clinician.GetStringAsync($"/patients/{procedure.PatientId}/procedures/{procedure.Id}/adverse-events/new"));

        Assert.Contains("Posterior iliac crest", chart);
        Assert.Contains("Posterior iliac crest", form);
        Assert.Contains("Local with oral sedation", form);
        Assert.Contains("Post injection flare", adverse);
        Assert.Contains("Possibly related", adverse);
        foreach (var (page, html) in new[] { ("chart", chart), ("procedure form", form), ("adverse event form", adverse) })
        {
            foreach (var code in new[] { "PosteriorIliacCrest", "LocalWithOralSedation", "PostInjectionFlare", "PossiblyRelated", "LifeThreatening", "ResolvedWithSequelae" })
            {
                Assert.False(html.Contains(code, StringComparison.Ordinal), $"the {page} shows \"{code}\"");
            }
        }
    }

    [Fact]
    public async Task FollowUpPages_ShowVisitsAndQuestionnairesAsWords()
    {
        var visit = await app.WithDbAsync(db => db.FollowUpVisits.AsNoTracking()
            .Where(v => v.Visit == ProgramVisit.SafetyCall).Select(v => new { v.Id, v.PatientId }).FirstAsync());
        using var clinician = app.ClientAs(Roles.Clinician);

        var chart = Readable(await clinician.GetStringAsync($"/patients/{visit.PatientId}"));
        var page = Readable(await clinician.GetStringAsync($"/patients/{visit.PatientId}/follow-ups/{visit.Id}"));

        Assert.Contains("Safety call", chart);
        Assert.Contains("NRS pain", chart);
        Assert.Contains("Safety call", page);
        foreach (var (name, html) in new[] { ("chart", chart), ("follow-up visit", page) })
        {
            // The lists of visits and questionnaires, and the response's explanation (Talus.Clinical's MCID reason).
            foreach (var code in new[] { "SafetyCall", "PromisPhysicalFunction", "NrsPain:", "FaosPain:" })
            {
                var at = html.IndexOf(code, StringComparison.Ordinal);
                Assert.True(at < 0, $"the {name} shows \"{code}\": …{(at < 0 ? "" : Regex.Replace(html[Math.Max(0, at - 600)..Math.Min(html.Length, at + 60)], "\\s+", " "))}…");
            }
        }
    }

    [Fact]
    public async Task StaffPage_ShowsRolesAsWords()
    {
        using var admin = app.ClientAs(Roles.Admin);

        var page = Readable(await admin.GetStringAsync("/admin/staff"));

        Assert.Contains("Front desk", page);
        Assert.DoesNotContain("FrontDesk", page);
    }

    /// <summary>
    /// A staff page's list of a coded value shows words: no option prints the value's own name. Two lists may: the days of
    /// the week, whose names are words, and the settings page's choices, which are the names the settings file takes.
    /// </summary>
    [Fact]
    public void RazorSources_NoOptionShowsItsOwnValue()
    {
        var root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "src", "Talus.Web"))) { root = Path.GetDirectoryName(root)!; }
        var option = new Regex("""<option value="@(\w+)"[^>]*>@\1</option>""");

        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "Talus.Web"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(l => option.IsMatch(l.line) && !l.line.Contains("in Week") && !l.line.Contains("f.Choices"))
            .Select(l => $"{Path.GetFileName(l.f)}:{l.i + 1}").ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public async Task AuditPage_ShowsPracticeLocalTimes()
    {
        var user = $"evening-{Guid.NewGuid():N}@talus.example";
        await app.WithDbAsync(db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = CaliforniaEvening, UserName = user, Role = Roles.Clinician, Action = AuditAction.SignInFailed, Resource = "Account", Outcome = "401" });
            return db.SaveChangesAsync();
        });
        using var admin = app.ClientAs(Roles.Admin);

        var page = await admin.GetStringAsync($"/admin/audit?user={Uri.EscapeDataString(user)}");

        Assert.Contains("2026-11-29 19:00 PST", page);
        Assert.DoesNotContain("2026-11-30 03:00", page);
        Assert.Contains("Failed sign-in", page);
        Assert.DoesNotContain(">SignInFailed<", page);
    }

    [Fact]
    public async Task AuditSearch_FromToDates_ArePracticeLocalDays()
    {
        var user = $"days-{Guid.NewGuid():N}@talus.example";
        await app.WithDbAsync(db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = CaliforniaEvening, UserName = user, Role = Roles.Clinician, Action = AuditAction.Read, Resource = "Chart", Outcome = "200" });
            return db.SaveChangesAsync();
        });
        using var admin = app.ClientAs(Roles.Admin);
        var name = Uri.EscapeDataString(user);

        var sameLocalDay = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?user={name}&from=2026-11-29&to=2026-11-29");
        var nextUtcDay = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?user={name}&from=2026-11-30&to=2026-11-30");

        Assert.Equal(1, sameLocalDay.GetArrayLength());
        Assert.Equal(0, nextUtcDay.GetArrayLength());
    }

    [Theory]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=0001-01-01", "from")]
    public async Task AuditSearch_DateOutsideTheUsableRange_Answers400NamingTheField(string query, string field)
    {
        using var admin = app.ClientAs(Roles.Admin);

        var response = await admin.GetAsync($"/api/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AuditPage_FarDate_ShowsTheProblemInsteadOfFailing()
    {
        using var admin = app.ClientAs(Roles.Admin);

        var response = await admin.GetAsync("/admin/audit?to=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("to: The date must be between 1900-01-01 and 2200-12-31.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task PortalPages_DemoPatient_ShowNoInternalCodesOrVersions()
    {
        var demo = await app.DemoPatientAsync();
        var consents = await app.WithDbAsync(db => db.ConsentPackets.Where(c => c.PatientId == demo.Id).Select(c => c.Id).ToListAsync());
        Assert.NotEmpty(consents);
        using var patient = app.ClientAs(Roles.Patient);
        var pages = new List<string> { "/portal", "/portal/decision-aid", "/portal/after-care" };
        pages.AddRange(consents.Select(id => $"/portal/consents/{id}"));

        foreach (var url in pages)
        {
            var html = Readable(await patient.GetStringAsync(url));
            foreach (var code in InternalCodes)
            {
                Assert.False(html.Contains(code, StringComparison.Ordinal), $"{url} shows \"{code}\"");
            }
        }
    }

    /// <summary>What a person reads or hears: the text between tags and the aria-label, title, alt and placeholder texts (not ids).</summary>
    private static string Readable(string html)
    {
        html = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        var spoken = Regex.Matches(html, "(?:aria-label|title|alt|placeholder)=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
        var text = Regex.Replace(html, "<[^>]*>", " ");
        return WebUtility.HtmlDecode(text + " " + string.Join(" ", spoken));
    }

    [Theory]
    [InlineData("CorticosteroidInjection", "Corticosteroid injection")]
    [InlineData("NoShow", "No show")]
    [InlineData("MRIScan", "MRI scan")]
    [InlineData("Ankle", "Ankle")]
    public void Words_PascalCaseName_ReadsAsWords(string name, string words) => Assert.Equal(words, Labels.Words(name));

    [Fact]
    public void Of_CodedValues_UseTheNamedLabelElseWords()
    {
        Assert.Equal("Platelet-rich plasma (PRP)", Labels.Of(InjectionProduct.PlateletRichPlasma));
        Assert.Equal("PRP injection", Labels.Of(PriorTreatmentKind.PrpInjection));
        Assert.Equal("Checked in", Labels.Of(AppointmentStatus.CheckedIn));
        Assert.Equal("—", Labels.Of<AppointmentStatus>(null));
    }
}
